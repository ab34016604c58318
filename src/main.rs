use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = muster::cli::Cli::parse();
    let code = muster::cli::run(
        cli,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
