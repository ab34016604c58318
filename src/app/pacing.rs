//! How often the app wakes up. A facilitator's laptop runs a three-hour drill on battery: while
//! nothing changes (the clock paused, nobody touching it) the app redraws only on input, when
//! the scenario file is saved (for its hot reload), or on a slow tick; while the clock runs it
//! redraws at the pace a moving map needs, not as fast as the machine can.

use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, UpdateMode, WinitSettings, WinitUserEvent};
use bevy_egui::{EguiInput, EguiPreUpdateSet, egui};

use super::automation::Script;
use super::session::{Screen, SharedSession, Source};

/// Redraws per second while the exercise clock runs: units move smoothly on the map at this rate.
const RUNNING_FRAMES_PER_SECOND: f32 = 15.0;
/// The tick while nothing moves: input and a saved scenario file wake the app sooner.
const IDLE_TICK: Duration = Duration::from_secs(10);
/// How often the scenario file's modification time is looked at (a `stat`, no redraw).
const FILE_POLL: Duration = Duration::from_millis(500);

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(idle())
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(Startup, wake_when_the_scenario_is_saved)
        .add_systems(Last, choose_pace);
}

/// Watches the scenario file on a thread of its own and wakes the app when it is saved, so the
/// briefing reloads it at once however long the app sleeps. The thread ends with the app.
fn wake_when_the_scenario_is_saved(session: Res<SharedSession>, proxy: Res<EventLoopProxyWrapper>) {
    let Source::File(path) = session.lock().source.clone() else {
        return;
    };
    let proxy = (**proxy).clone();
    let modified = move || std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let spawned = std::thread::Builder::new()
        .name("scenario-watch".into())
        .spawn(move || {
            let mut seen = modified();
            loop {
                std::thread::sleep(FILE_POLL);
                let now = modified();
                if now != seen {
                    seen = now;
                    // The first wake-up asks for a redraw, the second runs the update that
                    // reloads (bevy_winit 0.19 updates once per redraw).
                    for _ in 0..2 {
                        if proxy.send_event(WinitUserEvent::WakeUp).is_err() {
                            return;
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    }
                }
            }
        });
    if let Err(e) = spawned {
        warn!("the scenario file will reload only on input: {e}");
    }
}

/// bevy_egui 0.42 tells egui the keyboard's modifiers every frame, changed or not; egui takes
/// any input as a reason to draw the next frame at once, so the app would never rest. Only a
/// change is passed on.
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.0.events.retain(|event| match event {
            egui::Event::ModifiersChanged(modifiers) => {
                let changed = *last != Some(*modifiers);
                *last = Some(*modifiers);
                changed
            }
            _ => true,
        });
    }
}

fn idle() -> WinitSettings {
    WinitSettings {
        focused_mode: UpdateMode::reactive_low_power(IDLE_TICK),
        unfocused_mode: UpdateMode::reactive_low_power(IDLE_TICK),
    }
}

fn running() -> WinitSettings {
    let frame = Duration::from_secs_f32(1.0 / RUNNING_FRAMES_PER_SECOND);
    WinitSettings {
        focused_mode: UpdateMode::reactive(frame),
        unfocused_mode: UpdateMode::reactive(frame),
    }
}

/// Every frame while a script has steps to play (its steps count frames), else the pace the
/// clock calls for.
fn choose_pace(
    session: Res<SharedSession>,
    screen: Res<State<Screen>>,
    script: Option<Res<Script>>,
    mut settings: ResMut<WinitSettings>,
) {
    let clock_running = session.lock().clock.running;
    let wanted = if script.is_some_and(|s| s.is_playing()) {
        WinitSettings::continuous()
    } else if clock_running && *screen.get() == Screen::Running {
        running()
    } else {
        idle()
    };
    if settings.focused_mode != wanted.focused_mode
        || settings.unfocused_mode != wanted.unfocused_mode
    {
        *settings = wanted;
    }
}
