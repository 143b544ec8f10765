//! The `gongkai` binary; everything it does lives in the library (`gongkai::commands`).

use std::process::ExitCode;

fn main() -> ExitCode {
    match gongkai::commands::main(gongkai::commands::Cli::from_args()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
