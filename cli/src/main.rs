//! `tinbai`: the native command line for build-time and inspection work. Every
//! command prints JSON (or HTML for `render`) to stdout; errors go to stderr with a
//! non-zero exit status: 2 for a usage error (clap's), 1 for bad data.
//!
//! It wraps the core (`tinbai`) and must not depend on the wasm crates; its
//! native-only libraries (clap, lol_html) stay out of the browser's build.

mod cli;
mod commands;
mod inject;

fn main() {
    std::process::exit(commands::run(<cli::Cli as clap::Parser>::parse().command));
}
