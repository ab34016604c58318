use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = muster::cli::parse();
    // Unlocked handles: the app's threads log to standard error while it runs, and a lock held
    // here for the whole run would block them for good.
    let code = muster::cli::run(cli, &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(code)
}
