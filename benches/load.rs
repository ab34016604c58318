//! Load benchmark for teams on their own devices (`cargo bench --bench load`): the real app
//! hosts the flagship on loopback at top speed, with 60 team clients, 5 evaluators and a
//! projector connected; each client sends a command every few seconds. It reports
//! command-to-answer and command-to-event latency (median, p95), the app's CPU and peak memory,
//! and its frame time with and without the clients. Everything targets 127.0.0.1, and every
//! loop is bounded in count and time.
//!
//! Needs a display: it starts its own Xvfb when `DISPLAY` is not set (Debian's `xvfb`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;

const TEAM_CLIENTS: usize = 60;
const EVALUATORS: usize = 5;
/// Seconds between one client's commands (each client starts at a random offset within it).
const COMMAND_EVERY: Duration = Duration::from_secs(3);
/// The load runs this long at most, whatever happens.
const RUN_AT_MOST: Duration = Duration::from_secs(150);

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = root.join("target/release/muster");
    let binary = if binary.exists() {
        binary
    } else {
        root.join("target/debug/muster")
    };
    assert!(
        binary.exists(),
        "build the app first: cargo build --release (or cargo build)"
    );
    let out = std::env::temp_dir().join(format!("muster-load-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let _display = Display::ensure();
    println!("app: {}", binary.display());

    let alone = run_app(&binary, root, &out.join("alone"), "load-alone.script");
    let alone_summary = wait_summary(alone, &out.join("alone"));

    let dir = out.join("clients");
    let app = run_app(&binary, root, &dir, "load-clients.script");
    let pid = app.id();
    let codes = wait_codes(&dir.join("codes.tsv"));
    let usage_before = cpu_ticks(pid);
    let started = Instant::now();
    let latencies = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(load(codes, pid));
    let wall = started.elapsed();
    let usage_after = cpu_ticks(pid);
    let peak_kib = peak_memory_kib(pid);
    let with_summary = wait_summary(app, &dir);

    let ticks_per_second = 100.0;
    let cpu = match (usage_before, usage_after) {
        (Some(a), Some(b)) => (b - a) as f64 / ticks_per_second / wall.as_secs_f64() * 100.0,
        _ => f64::NAN,
    };
    println!("\n== Teams on their own devices: load on loopback ==");
    println!(
        "clients: {TEAM_CLIENTS} team pages, {EVALUATORS} evaluators, 1 projector; a command every {}s each",
        COMMAND_EVERY.as_secs()
    );
    let latencies = latencies.lock().unwrap();
    report("command → answer", &latencies.answers);
    report("command → its event on the page", &latencies.events);
    println!(
        "commands answered: {} (refused by the exercise: {})",
        latencies.answers.len(),
        latencies.refused
    );
    println!(
        "app CPU while loaded: {cpu:.0}% of one core over {:.0}s",
        wall.as_secs_f64()
    );
    println!(
        "app peak memory (VmHWM): {:.0} MiB",
        peak_kib.unwrap_or(0) as f64 / 1024.0
    );
    for (name, summary) in [
        ("without clients", &alone_summary),
        ("with clients", &with_summary),
    ] {
        println!(
            "frame time {name}: median {:.1} ms, p95 {:.1} ms over {} frames at top speed",
            summary["frame_ms_median"].as_f64().unwrap_or(f64::NAN),
            summary["frame_ms_p95"].as_f64().unwrap_or(f64::NAN),
            summary["frames"]
        );
    }
    let failures = with_summary["failures"].as_array().map_or(0, Vec::len);
    assert_eq!(failures, 0, "the app's script failed: {with_summary}");
}

#[derive(Default)]
struct Latencies {
    answers: Vec<Duration>,
    events: Vec<Duration>,
    refused: usize,
}

fn report(name: &str, samples: &[Duration]) {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        ms.get(((ms.len() as f64 - 1.0) * q).round() as usize)
            .copied()
    };
    println!(
        "{name}: median {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} samples)",
        pick(0.5).unwrap_or(f64::NAN),
        pick(0.95).unwrap_or(f64::NAN),
        pick(1.0).unwrap_or(f64::NAN),
        ms.len()
    );
}

/// An Xvfb of our own when there is no display; stopped when dropped.
struct Display(Option<Child>);

impl Display {
    fn ensure() -> Display {
        if std::env::var_os("DISPLAY").is_some() {
            return Display(None);
        }
        // A display no other X server holds (a stale one would keep the app from opening).
        let first = 90 + std::process::id() % 100;
        let number = (first..first + 100)
            .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .unwrap_or(first);
        let child = Command::new("Xvfb")
            .args([
                format!(":{number}").as_str(),
                "-screen",
                "0",
                "1600x960x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb (Debian package `xvfb`) for the app's window");
        // SAFETY: set before any other thread of this process starts.
        unsafe { std::env::set_var("DISPLAY", format!(":{number}")) };
        std::thread::sleep(Duration::from_secs(2));
        Display(Some(child))
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn run_app(binary: &Path, root: &Path, dir: &Path, script: &str) -> Child {
    std::fs::create_dir_all(dir).unwrap();
    Command::new(binary)
        .args([
            "gui",
            "port-city-outbreak",
            "--host",
            "127.0.0.1:0",
            "--codes",
        ])
        .arg(dir.join("codes.tsv"))
        .arg("--journal")
        .arg(dir.join("load.journal"))
        .arg("--script")
        .arg(root.join("benches").join(script))
        .arg("--shots")
        .arg(dir.join("shots"))
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app")
}

fn wait_codes(path: &Path) -> Vec<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.lines().count() >= 3 {
            return text
                .lines()
                .filter_map(|l| {
                    let mut fields = l.split('\t');
                    let role = fields.next()?.to_string();
                    fields.next();
                    Some((role, fields.next()?.to_string()))
                })
                .collect();
        }
        assert!(Instant::now() < deadline, "the app never opened to teams");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn wait_summary(mut app: Child, dir: &Path) -> Value {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Ok(Some(_)) = app.try_wait() {
            break;
        }
        if Instant::now() > deadline {
            let _ = app.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let path: PathBuf = dir.join("shots/summary.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("the app's summary")).unwrap()
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Every client at once until the app's script ends (it quits after its frames) or the time is
/// up; returns the latencies measured.
async fn load(codes: Vec<(String, String)>, app_pid: u32) -> Arc<Mutex<Latencies>> {
    let latencies = Arc::new(Mutex::new(Latencies::default()));
    let teams: Vec<&(String, String)> = codes
        .iter()
        .filter(|(role, _)| role != "evaluator" && role != "projector" && role != "red-cell")
        .collect();
    let link_of = |role: &str| codes.iter().find(|(r, _)| r == role).unwrap().1.clone();
    let mut tasks = Vec::new();
    for n in 0..TEAM_CLIENTS {
        let (team, link) = teams[n % teams.len()].clone();
        tasks.push(tokio::spawn(client(
            link,
            Some(team),
            n,
            latencies.clone(),
            app_pid,
        )));
    }
    for n in 0..EVALUATORS {
        tasks.push(tokio::spawn(client(
            link_of("evaluator"),
            None,
            TEAM_CLIENTS + n,
            latencies.clone(),
            app_pid,
        )));
    }
    tasks.push(tokio::spawn(client(
        link_of("projector"),
        None,
        usize::MAX,
        latencies.clone(),
        app_pid,
    )));
    for task in tasks {
        let _ = task.await;
    }
    latencies
}

/// One page: joins, then sends a command every few seconds (a team dispatches and recalls its
/// units in turn; an evaluator records observations; the projector only listens).
async fn client(
    link: String,
    team: Option<String>,
    number: usize,
    latencies: Arc<Mutex<Latencies>>,
    app_pid: u32,
) {
    let code = link.rsplit('/').next().unwrap().to_string();
    let address = link
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let Ok((mut socket, _)) = tokio_tungstenite::connect_async(format!("ws://{address}/ws")).await
    else {
        return;
    };
    let join = serde_json::json!({"type": "join", "code": code}).to_string();
    if socket.send(Message::text(join)).await.is_err() {
        return;
    }
    let projector = number == usize::MAX;
    let deadline = Instant::now() + RUN_AT_MOST;
    // Spread the clients' first commands over one period.
    let offset = COMMAND_EVERY.mul_f64((number % 97) as f64 / 97.0);
    let mut next_send = Instant::now() + Duration::from_millis(500) + offset;
    let mut units: Vec<String> = Vec::new();
    let mut reference = 0u64;
    // Sent and not answered: ref → (when, unit dispatched).
    let mut waiting: Vec<(u64, Instant, Option<String>)> = Vec::new();
    // Accepted dispatches whose event has not shown yet.
    let mut watching: Vec<(Instant, String)> = Vec::new();
    // News items of the last few seconds, for an event that arrives before its command's answer.
    let mut shown: Vec<(Instant, String)> = Vec::new();
    let districts = [
        "heping", "hexi", "nankai", "hedong", "hebei", "hongqiao", "xiqing", "jinnan",
    ];
    while Instant::now() < deadline && std::path::Path::new(&format!("/proc/{app_pid}")).exists() {
        let wait = next_send.saturating_duration_since(Instant::now());
        tokio::select! {
            message = socket.next() => {
                let Some(Ok(Message::Text(text))) = message else {
                    if matches!(message, None | Some(Err(_))) { return; }
                    continue;
                };
                // A page draws every state; this client needs only the first (its units), and
                // parsing each would make the load generator, on the same cores, the load.
                if !units.is_empty() && text.as_str().starts_with(r#"{"type":"state""#) {
                    continue;
                }
                let Ok(value) = serde_json::from_str::<Value>(text.as_str()) else { continue };
                let now = Instant::now();
                match value["type"].as_str() {
                    Some("state") if units.is_empty() => {
                        units = value["view"]["units"].as_array().map(|list| {
                            list.iter().filter_map(|u| u["id"].as_str().map(str::to_string)).collect()
                        }).unwrap_or_default();
                    }
                    Some("result") => {
                        let reference = value["ref"].as_u64().unwrap_or(0);
                        if let Some(at) = waiting.iter().position(|(r, _, _)| *r == reference) {
                            let (_, sent, unit) = waiting.remove(at);
                            let mut l = latencies.lock().unwrap();
                            l.answers.push(now - sent);
                            if value["ok"] == true {
                                if let Some(unit) = unit {
                                    // Its event may have come before the answer.
                                    match shown.iter().find(|(at, text)| *at >= sent && text.contains(&format!("{unit} "))) {
                                        Some((at, _)) => l.events.push(*at - sent),
                                        None => watching.push((sent, unit)),
                                    }
                                }
                            } else {
                                l.refused += 1;
                            }
                        }
                    }
                    Some("news") => {
                        shown.retain(|(at, _)| now.duration_since(*at) < COMMAND_EVERY);
                        for item in value["items"].as_array().into_iter().flatten() {
                            let text = item["text"].as_str().unwrap_or("");
                            shown.push((now, text.to_string()));
                            watching.retain(|(sent, unit)| {
                                let shown = text.contains(&format!("{unit} "));
                                if shown { latencies.lock().unwrap().events.push(now - *sent); }
                                !shown
                            });
                        }
                    }
                    _ => {}
                }
            }
            _ = tokio::time::sleep(wait), if !projector => {
                next_send = Instant::now() + COMMAND_EVERY;
                reference += 1;
                let (command, unit) = match &team {
                    Some(team) if !units.is_empty() => {
                        let unit = units[(number + reference as usize) % units.len()].clone();
                        let to = districts[(number + reference as usize) % districts.len()];
                        (format!(r#"Dispatch(team: "{team}", unit: "{unit}", to: "{to}")"#), Some(unit))
                    }
                    Some(team) => (format!(r#"Activate(team: "{team}")"#), None),
                    None => (format!(r#"Observe(text: "load observation {reference}", evaluator: "bench {number}")"#), None),
                };
                let message = serde_json::json!({"type": "command", "ref": reference, "command": command});
                waiting.push((reference, Instant::now(), unit));
                if socket.send(Message::text(message.to_string())).await.is_err() {
                    return;
                }
            }
        }
    }
}
