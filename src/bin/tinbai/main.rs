//! `tinbai`: the native command line for build-time and inspection work. Every
//! command prints JSON (or HTML for `render`) to stdout; errors go to stderr with a
//! non-zero exit status.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod commands;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(commands::run(std::env::args().skip(1).collect()));
}
