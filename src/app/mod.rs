//! The Bevy shell: a window with egui panels over the deterministic core. One plugin per
//! feature: `session` (the exercise, its clock, journal and the action queue), `fonts` (Chinese
//! text), `ui` (the screens), `pacing` (how often the app redraws), `remote` (teams on their own
//! devices), and `automation` (scripted sessions, for tests and demos).

mod automation;
mod fonts;
mod pacing;
pub(crate) mod remote;
mod session;
mod ui;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::EguiPlugin;

pub use session::Source;

/// How the app starts.
pub struct AppOptions {
    pub source: Source,
    pub seed: Option<u64>,
    pub journal: Option<PathBuf>,
    /// A script to play (see `automation.rs`), with the folder for its screenshots.
    pub script: Option<(PathBuf, PathBuf)>,
    pub size: (u32, u32),
    /// A response plan playing its teams beside the human teams.
    pub plan: Option<crate::plan::Plan>,
    /// The automatic red cell plays red (`--red auto`).
    pub auto_red: bool,
    /// A journal whose exercise to go on with, instead of a new one.
    pub resume: Option<PathBuf>,
    /// Open the exercise to teams' browsers on this address at start (`--host`).
    pub host: Option<std::net::SocketAddr>,
    /// Where to write the join codes as well (`--codes`).
    pub codes: Option<PathBuf>,
    /// The language asked for on the command line; None: the scenario's.
    pub lang: Option<crate::i18n::Language>,
}

/// Opens the window and runs until it is closed.
pub fn run(options: AppOptions) -> AppExit {
    let journal = options
        .journal
        .clone()
        .unwrap_or_else(|| session::default_journal_path(&options.source));
    let resuming = options.resume.is_some();
    // Until a scenario is read: the language asked for, else the system's.
    let lang = crate::i18n::Language::default_for(options.lang);
    let mut session = match &options.resume {
        Some(path) => match session::Session::resume(path, lang) {
            Ok(session) => session,
            Err(e) => {
                eprintln!(
                    "{}",
                    crate::tr!(lang, "app-cannot-resume", reason = e.text(lang))
                );
                return AppExit::error();
            }
        },
        None => session::Session::new(options.source, options.seed, journal),
    };
    if let Some(language) = options.lang {
        session.set_language(language);
    }
    if let Some(plan) = options.plan {
        session.notice(crate::msg!("notice-plan-plays", plan = &plan.id));
        session.plan = Some(plan);
    }
    if options.auto_red {
        session.play_red_automatically();
    }
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Muster — tabletop exercise".into(),
                    resolution: options.size.into(),
                    ..default()
                }),
                ..default()
            })
            // A separate render thread buys nothing for panels redrawn on demand, and with
            // on-demand updates it can wait for a main thread that sleeps (bevy#11235).
            .disable::<bevy::render::pipelined_rendering::PipelinedRenderingPlugin>(),
    )
    .add_plugins(EguiPlugin::default())
    .insert_resource(ClearColor(Color::srgb(0.9, 0.92, 0.94)))
    .insert_resource(session::SharedSession::new(session))
    .insert_resource(remote::Remote::new(options.host, options.codes))
    .add_plugins((
        session::plugin,
        fonts::plugin,
        ui::plugin,
        pacing::plugin,
        remote::plugin,
    ))
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    if resuming {
        app.add_systems(Startup, |mut next: ResMut<NextState<session::Screen>>| {
            next.set(session::Screen::Running)
        });
    }
    if let Some((script, out)) = options.script {
        match automation::Script::load(&script, out) {
            Ok(script) => {
                app.insert_resource(script).add_plugins(automation::plugin);
            }
            Err(e) => {
                eprintln!("cannot read the script {}: {e}", script.display());
                return AppExit::error();
            }
        }
    }
    app.run()
}

/// Whether a window can be opened here.
pub fn display_available() -> bool {
    if cfg!(target_os = "linux") {
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
    } else {
        true
    }
}
