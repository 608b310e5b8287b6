//! `tinbai`: the native command line for build-time and inspection work. Every
//! command prints JSON (or HTML for `render`) to stdout; errors go to stderr with a
//! non-zero exit status: 2 for a usage error (clap's), 1 for bad data.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod inject;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(commands::run(<cli::Cli as clap::Parser>::parse().command));
}
