//! The host on loopback with several WebSocket clients as different roles, against the
//! flagship scenario, with a small stand-in for the app: it journals and applies the commands
//! the host hands over (as `Session::command` does) and publishes the feeds.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::*;
use crate::i18n::Language;
use crate::journal::JournalWriter;
use crate::sim::Mode;

const SEED: u64 = 7;

/// The exercise, its journal and the host, as the app holds them.
struct Table {
    exercise: Exercise,
    journal: JournalWriter,
    host: Host,
    publisher: Publisher,
    /// The exercise's language, as the facilitator chose it.
    language: Language,
}

impl Table {
    /// Takes the clients' commands (journaled before they apply, refusals after), answers them
    /// and brings the feeds up to date.
    fn pump(&mut self) {
        for inbound in self.host.take_commands() {
            let now = self.exercise.now();
            self.journal.append(now, &inbound.command).unwrap();
            let outcome = self
                .exercise
                .apply(inbound.command.clone())
                .map_err(|refusal| {
                    self.journal.refused(now, &refusal.0).unwrap();
                    refusal.0
                });
            inbound.answer(outcome.map(|_| ()), self.language);
        }
        self.publisher
            .publish(&self.host, &self.exercise, self.language, &[], None);
    }
}

/// The table running in its own thread, pumped every few milliseconds, as the app's frames do.
struct Room {
    table: Arc<Mutex<Table>>,
    address: SocketAddr,
    codes: Codes,
    journal_path: PathBuf,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Room {
    fn open(name: &str, limits: host::Limits) -> Room {
        let bundled = crate::library::find(crate::library::DEFAULT_SCENARIO).unwrap();
        let (scenario, _) = bundled.load().unwrap();
        let scenario = Arc::new(scenario);
        let dir = std::env::temp_dir().join(format!("muster-net-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let journal_path = dir.join("journal.muster");
        let journal = JournalWriter::create(
            &journal_path,
            bundled.file,
            bundled.text,
            SEED,
            Mode::Stochastic,
        )
        .unwrap();
        let teams: Vec<String> = scenario.teams.iter().map(|t| t.id.name.clone()).collect();
        let codes = Codes::for_teams(&teams);
        let host = Host::start_with(
            "127.0.0.1:0".parse().unwrap(),
            codes.clone(),
            Language::En,
            limits,
        )
        .unwrap();
        let address = host.address();
        let table = Arc::new(Mutex::new(Table {
            exercise: Exercise::new(scenario, SEED, Mode::Stochastic),
            journal,
            host,
            publisher: Publisher::default(),
            language: Language::En,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (table, stop) = (table.clone(), stop.clone());
            std::thread::spawn(move || {
                // Bounded: a test that forgets to stop the room ends it within a minute.
                let deadline = Instant::now() + Duration::from_secs(60);
                while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                    table.lock().unwrap().pump();
                    std::thread::sleep(Duration::from_millis(3));
                }
            })
        };
        Room {
            table,
            address,
            codes,
            journal_path,
            stop,
            thread: Some(thread),
        }
    }

    fn code(&self, role: &Role) -> String {
        let pass = self
            .codes
            .passes()
            .iter()
            .find(|p| &p.role == role)
            .unwrap();
        pass.code.clone()
    }

    fn advance(&self, minutes: u32) {
        let mut table = self.table.lock().unwrap();
        let target = table.exercise.now() + minutes;
        table.exercise.advance_to(target);
    }

    /// Stops the app's stand-in; the table and where its journal is.
    fn close(mut self) -> (Table, PathBuf) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().unwrap().join().unwrap();
        let table = self.table.clone();
        let path = self.journal_path.clone();
        drop(self);
        (
            Arc::try_unwrap(table).ok().unwrap().into_inner().unwrap(),
            path,
        )
    }
}

fn team(id: &str) -> Role {
    Role::Team(id.to_string())
}

/// A page, as the host sees it: everything it received is kept.
struct Client {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    received: Vec<Value>,
}

const PATIENCE: Duration = Duration::from_secs(5);

impl Client {
    async fn connect(address: SocketAddr) -> Client {
        let (socket, _) = tokio_tungstenite::connect_async(format!("ws://{address}/ws"))
            .await
            .unwrap();
        Client {
            socket,
            received: Vec::new(),
        }
    }

    /// A client on another loopback address (Linux answers on all of 127/8): another device.
    async fn connect_from(local: &str, address: SocketAddr) -> Client {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(format!("{local}:0").parse().unwrap()).unwrap();
        let stream = socket.connect(address).await.unwrap();
        let (socket, _) = tokio_tungstenite::client_async(
            format!("ws://{address}/ws"),
            MaybeTlsStream::Plain(stream),
        )
        .await
        .unwrap();
        Client {
            socket,
            received: Vec::new(),
        }
    }

    async fn joined(address: SocketAddr, code: &str) -> Client {
        let mut client = Client::connect(address).await;
        client
            .send(&format!(r#"{{"type":"join","code":"{code}"}}"#))
            .await;
        let welcome = client
            .wait_for(|m| m["type"] != "news" && m["type"] != "state")
            .await;
        assert_eq!(welcome["type"], "welcome", "{welcome}");
        client
    }

    async fn send(&mut self, text: &str) {
        self.socket.send(WsMessage::text(text)).await.unwrap();
    }

    /// Sends a command as a page does: typed JSON (written here as a journal line, to read).
    async fn command(&mut self, reference: u64, command: &str) -> Value {
        let typed = serde_json::to_value(crate::journal::decode_command(command).unwrap()).unwrap();
        self.send_command(reference, typed).await
    }

    async fn send_command(&mut self, reference: u64, command: Value) -> Value {
        let message = serde_json::json!({"type": "command", "ref": reference, "command": command});
        self.send(&message.to_string()).await;
        self.wait_for(|m| m["type"] == "result" && m["ref"] == reference || m["type"] == "error")
            .await
    }

    /// The next message, or None when the host closed the connection.
    async fn next(&mut self) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(PATIENCE, self.socket.next())
                .await
                .expect("the host answers in time")?;
            match message.ok()? {
                WsMessage::Text(text) => {
                    let value: Value = serde_json::from_str(text.as_str()).unwrap();
                    self.received.push(value.clone());
                    return Some(value);
                }
                WsMessage::Close(_) => return None,
                _ => continue,
            }
        }
    }

    async fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.next().await.expect("the connection stays open");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Reads until the host has nothing more to say for a moment.
    async fn drain(&mut self) {
        while let Ok(Some(Ok(message))) =
            tokio::time::timeout(Duration::from_millis(300), self.socket.next()).await
        {
            if let WsMessage::Text(text) = message {
                self.received
                    .push(serde_json::from_str(text.as_str()).unwrap());
            }
        }
    }

    /// The news items received, oldest first, as the page keeps them (a reset drops the rest).
    fn news(&self) -> Vec<Value> {
        let mut items = Vec::new();
        for message in self.received.iter().filter(|m| m["type"] == "news") {
            if message["reset"] == true {
                items.clear();
            }
            items.extend(message["items"].as_array().unwrap().iter().cloned());
        }
        items
    }

    fn last_state(&self) -> Value {
        self.received
            .iter()
            .rev()
            .find(|m| m["type"] == "state")
            .map(|m| m["view"].clone())
            .expect("a state was received")
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Each role's news, as the exercise says it should be: the scoping rule, applied to the whole
/// record independently of the publisher.
fn expected_news(exercise: &Exercise, role: &Role) -> Vec<String> {
    exercise
        .events()
        .iter()
        .filter(|e| match role {
            Role::Team(team) => e.audience.includes(team),
            Role::Evaluator => true,
            Role::Projector => e.audience == crate::sim::Audience::Everyone,
        })
        .filter_map(|e| views::news_item(exercise, Language::En, e))
        .collect()
}

#[test]
fn teams_see_only_their_own_and_their_commands_replay_from_the_journal() {
    let room = Room::open("scoping", host::Limits::default());
    let address = room.address;
    let (health_code, police_code) = (
        room.code(&team("health-cdc")),
        room.code(&team("public-security")),
    );
    let (projector_code, evaluator_code) =
        (room.code(&Role::Projector), room.code(&Role::Evaluator));
    let mut clients = runtime().block_on(async {
        let mut health = Client::joined(address, &health_code).await;
        let mut police = Client::joined(address, &police_code).await;
        let projector = Client::joined(address, &projector_code).await;
        let mut evaluator = Client::joined(address, &evaluator_code).await;
        let state = health.wait_for(|m| m["type"] == "state").await;
        assert_eq!(state["view"]["team"]["id"], "health-cdc");
        // The page prefills a report's figures with the count, and files them as it writes them.
        assert!(
            state["view"]["counted"]["found"].is_u64(),
            "{}",
            state["view"]
        );
        let reported = health
            .command(
                7,
                r#"Report(team: "health-cdc", from: "cdc", to: "hq", figures: (found: 0, deaths: 0, in_hospital: 0))"#,
            )
            .await;
        assert_eq!(reported["ok"], true, "{reported}");
        // The desk's options carry their commands; the page sends them as they are.
        let activate = state["view"]["team"]["activate"].clone();
        assert!(activate["Activate"].is_object(), "{}", state["view"]["team"]);
        let activated = health.send_command(8, activate).await;
        assert_eq!(activated["ok"], true, "{activated}");
        // A team's own order lands; another team's unit, or an order in another team's name,
        // is refused with the reason.
        let done = health
            .command(
                1,
                r#"Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi")"#,
            )
            .await;
        assert_eq!(done["ok"], true, "{done}");
        let refused = police
            .command(
                2,
                r#"Dispatch(team: "public-security", unit: "epi-2", to: "hexi")"#,
            )
            .await;
        assert_eq!(refused["ok"], false, "{refused}");
        let impostor = police
            .command(
                3,
                r#"Dispatch(team: "health-cdc", unit: "epi-2", to: "hexi")"#,
            )
            .await;
        assert_eq!(impostor["ok"], false);
        assert!(
            impostor["error"]
                .as_str()
                .unwrap()
                .contains("cannot give orders for team"),
            "{impostor}"
        );
        let control = police
            .command(4, r#"FireInject(inject: "first-case")"#)
            .await;
        assert_eq!(control["ok"], false, "{control}");
        let rated = evaluator
            .command(
                5,
                r#"Observe(text: "Health dispatched at once", team: "health-cdc")"#,
            )
            .await;
        assert_eq!(rated["ok"], true, "{rated}");
        let not_evaluators = evaluator
            .command(6, r#"Activate(team: "health-cdc")"#)
            .await;
        assert_eq!(not_evaluators["ok"], false);
        room.advance(36 * 60);
        let mut all = vec![health, police, projector, evaluator];
        for client in &mut all {
            client.drain().await;
        }
        all
    });
    let (table, journal_path) = room.close();
    let exercise = &table.exercise;
    let roles = [
        team("health-cdc"),
        team("public-security"),
        Role::Projector,
        Role::Evaluator,
    ];
    for (client, role) in clients.iter_mut().zip(&roles) {
        let got: Vec<String> = client.news().iter().map(|v| v.to_string()).collect();
        let expected: Vec<String> = expected_news(exercise, role)
            .iter()
            .map(|s| serde_json::from_str::<Value>(s).unwrap().to_string())
            .collect();
        assert_eq!(got, expected, "{role}'s news");
        let everything: String = client.received.iter().map(|v| v.to_string()).collect();
        // True infections never leave the host.
        for secret in [
            "\"exposed\"",
            "\"infectious\"",
            "\"infected\"",
            "\"susceptible\"",
        ] {
            assert!(!everything.contains(secret), "{role} received {secret}");
        }
    }
    // The police see their own units only, never health's.
    let police_state = clients[1].last_state();
    let units: Vec<&str> = police_state["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    let theirs: Vec<String> = exercise
        .units_visible_to(Some("public-security"))
        .iter()
        .map(|&n| exercise.units()[n].id.clone())
        .collect();
    assert!(!units.is_empty());
    assert_eq!(units, theirs);
    assert!(
        !clients[1]
            .received
            .iter()
            .any(|m| m.to_string().contains("\"epi-1\""))
    );
    let health_news = clients[0].news();
    assert!(
        health_news
            .iter()
            .any(|n| n["text"].as_str().unwrap().contains("epi-1")),
        "health reads about its unit"
    );
    // The projector and the evaluator have no units list.
    assert!(clients[2].last_state().get("units").is_none());
    // What the clients did is in the journal (refusals too), and replays to the same exercise.
    let text = std::fs::read_to_string(&journal_path).unwrap();
    let (journal, problem) = crate::journal::parse(&text);
    assert!(problem.is_none(), "{problem:?}");
    // Health's report with its figures and its dispatch, the police's attempt on a unit not
    // theirs (refused by the core, so journaled with its reason) and the observation; what the
    // host refused never got there.
    assert_eq!(journal.entries.len(), 5, "{text}");
    assert!(
        text.contains("figures:(found:0,deaths:0,in_hospital:0)"),
        "{text}"
    );
    assert_eq!(
        journal
            .entries
            .iter()
            .filter(|e| e.refused.is_some())
            .count(),
        1
    );
    let (replayed, _) = crate::headless::run(
        Arc::new(exercise.scenario().clone()),
        SEED,
        Mode::Stochastic,
        &journal.entries,
        exercise.now(),
        None,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(replayed.events()).unwrap(),
        serde_json::to_string(exercise.events()).unwrap()
    );
}

#[test]
fn wrong_codes_are_refused_alike_and_slowed_down_and_a_revoked_code_is_cut_off() {
    let room = Room::open("codes", host::Limits::default());
    let address = room.address;
    let police = team("public-security");
    let police_code = room.code(&police);
    let table = room.table.clone();
    runtime().block_on(async {
        let mut guesser = Client::connect_from("127.0.0.2", address).await;
        let mut answers = Vec::new();
        for guess in ["ZZZZ-ZZZZ", "", "abc", &police_code[..4]] {
            guesser
                .send(&format!(r#"{{"type":"join","code":"{guess}"}}"#))
                .await;
            answers.push(guesser.wait_for(|_| true).await);
        }
        // One answer for every wrong code: nothing says which part was wrong.
        assert!(
            answers
                .iter()
                .all(|a| a["type"] == "denied" && a["error"] == answers[0]["error"])
        );
        // Past the free tries, each further try waits.
        let started = Instant::now();
        guesser.send(r#"{"type":"join","code":"YYYY-YYYY"}"#).await;
        assert_eq!(guesser.wait_for(|_| true).await["type"], "denied");
        assert!(
            started.elapsed() >= Duration::from_millis(1500),
            "{:?}",
            started.elapsed()
        );
        // Another device is not slowed by the guesser.
        let started = Instant::now();
        let mut bystander = Client::connect(address).await;
        bystander
            .send(r#"{"type":"join","code":"XXXX-XXXX"}"#)
            .await;
        assert_eq!(bystander.wait_for(|_| true).await["type"], "denied");
        assert!(started.elapsed() < Duration::from_millis(1500));
        // A command before joining changes nothing.
        guesser
            .send(r#"{"type":"command","ref":1,"command":"Activate(team: \"public-security\")"}"#)
            .await;
        assert_eq!(guesser.wait_for(|_| true).await["type"], "error");

        // As typed from the card.
        let mut officer = Client::joined(address, &police_code.to_lowercase()).await;
        officer.wait_for(|m| m["type"] == "state").await;
        let new_code = table.lock().unwrap().host.reissue(&police);
        let revoked = officer.wait_for(|m| m["type"] == "revoked").await;
        assert!(revoked["error"].as_str().unwrap().contains("withdrew"));
        assert!(officer.next().await.is_none(), "the connection is closed");
        let mut again = Client::connect(address).await;
        again
            .send(&format!(r#"{{"type":"join","code":"{police_code}"}}"#))
            .await;
        assert_eq!(again.wait_for(|_| true).await["type"], "denied");
        let mut renewed = Client::joined(address, &new_code).await;
        let state = renewed.wait_for(|m| m["type"] == "state").await;
        assert_eq!(state["view"]["team"]["id"], "public-security");
    });
    drop(table);
    let (table, _) = room.close();
    assert!(
        table.exercise.activations().is_empty(),
        "nothing was done by the guesser"
    );
}

#[test]
fn malformed_and_oversized_messages_get_an_error_and_change_nothing() {
    let room = Room::open("malformed", host::Limits::default());
    let address = room.address;
    let code = room.code(&team("health-cdc"));
    runtime().block_on(async {
        let mut health = Client::joined(address, &code).await;
        for bad in [
            "{",
            "null",
            r#"{"type":"command","ref":"x","command":"Activate(team: \"health-cdc\")"}"#,
        ] {
            health.send(bad).await;
            let answer = health.wait_for(|m| m["type"] == "error").await;
            assert!(
                answer["error"].as_str().unwrap().contains("not understood"),
                "{answer}"
            );
        }
        health
            .socket
            .send(WsMessage::binary(vec![1u8, 2, 3]))
            .await
            .unwrap();
        health.wait_for(|m| m["type"] == "error").await;
        let long = "x".repeat(host::MAX_MESSAGE_BYTES);
        let oversized = serde_json::json!({"type": "command", "ref": 9,
            "command": format!(r#"Statement(team: "health-cdc", text: "{long}")"#)});
        health.send(&oversized.to_string()).await;
        let answer = health.wait_for(|m| m["type"] == "error").await;
        assert!(
            answer["error"].as_str().unwrap().contains("larger than"),
            "{answer}"
        );
        // A command that is not one, typed or as a journal line: the answer says which field.
        let answer = health
            .send_command(
                10,
                serde_json::json!({"Dispatch": {"team": "health-cdc", "unit": 5, "to": "hexi"}}),
            )
            .await;
        assert_eq!(answer["ok"], false, "{answer}");
        assert!(
            answer["error"].as_str().unwrap().contains("unit"),
            "{answer}"
        );
        let answer = health
            .send_command(10, r#"Dispatch(team: "health-cdc", unit: 5)"#.into())
            .await;
        assert_eq!(answer["ok"], false, "{answer}");
        // The connection still works.
        let answer = health.command(11, r#"Activate(team: "health-cdc")"#).await;
        assert_eq!(answer["ok"], true, "{answer}");
    });
    let (table, journal_path) = room.close();
    let text = std::fs::read_to_string(journal_path).unwrap();
    let (journal, _) = crate::journal::parse(&text);
    assert_eq!(journal.entries.len(), 1, "only the activation: {text}");
    assert!(
        table
            .exercise
            .events()
            .iter()
            .all(|e| !matches!(&e.kind, crate::sim::EventKind::Statement { .. }))
    );
}

#[test]
fn a_dropped_client_comes_back_to_its_current_view() {
    let room = Room::open("reconnect", host::Limits::default());
    let address = room.address;
    let code = room.code(&team("health-cdc"));
    runtime().block_on(async {
        let mut first = Client::joined(address, &code).await;
        let before = first.wait_for(|m| m["type"] == "state").await;
        // The lid closes: the connection drops without a goodbye.
        drop(first);
        room.advance(12 * 60);
        let mut back = Client::joined(address, &code).await;
        // The current view arrives (the host may not yet have noticed the old connection
        // dropped, and sends the view it held first; the current one follows at once).
        let state = back
            .wait_for(|m| m["type"] == "state" && m["view"]["header"]["now"] == 12 * 60)
            .await;
        assert_ne!(
            state["view"]["header"]["now"],
            before["view"]["header"]["now"]
        );
        back.drain().await;
        let news = back.news();
        let table = room.table.lock().unwrap();
        assert_eq!(
            news.len(),
            expected_news(&table.exercise, &team("health-cdc")).len()
        );
        assert!(!news.is_empty());
    });
    room.close();
}

#[test]
fn another_language_reaches_the_open_pages_without_a_reload() {
    let room = Room::open("language", host::Limits::default());
    let address = room.address;
    let code = room.code(&team("health-cdc"));
    room.advance(24 * 60);
    runtime().block_on(async {
        let mut page = Client::joined(address, &code).await;
        page.wait_for(|m| m["type"] == "state").await;
        page.drain().await;
        let english = page.news();
        assert!(!english.is_empty());
        room.table.lock().unwrap().language = Language::Zh;
        let welcome = page.wait_for(|m| m["type"] == "welcome").await;
        assert_eq!(welcome["lang"], "zh");
        assert_eq!(
            welcome["words"]["web-inbox"],
            crate::i18n::text(Language::Zh, "web-inbox")
        );
        // Then the state and the whole inbox again, worded in Chinese.
        let state = page.wait_for(|m| m["type"] == "state").await;
        assert_eq!(
            state["view"]["header"]["clock"],
            crate::scoring::clock_in(
                Language::Zh,
                room.table.lock().unwrap().exercise.scenario(),
                24 * 60
            )
        );
        page.drain().await;
        let chinese = page.news();
        assert_eq!(chinese.len(), english.len());
        assert_ne!(chinese, english);
    });
    room.close();
}

#[test]
fn a_stalled_client_is_let_go_and_never_holds_up_the_others() {
    let limits = host::Limits {
        send_timeout: Duration::from_millis(400),
    };
    let room = Room::open("stalled", limits);
    let address = room.address;
    let health = team("health-cdc");
    let code = room.code(&health);
    let police_code = room.code(&team("public-security"));
    runtime().block_on(async {
        // A client that joins and then never reads, with a tiny receive buffer.
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(2048).unwrap();
        let stream = socket.connect(address).await.unwrap();
        let (mut stalled, _) = tokio_tungstenite::client_async(
            format!("ws://{address}/ws"),
            MaybeTlsStream::Plain(stream),
        )
        .await
        .unwrap();
        stalled
            .send(WsMessage::text(format!(
                r#"{{"type":"join","code":"{code}"}}"#
            )))
            .await
            .unwrap();
        let mut police = Client::joined(address, &police_code).await;
        // The exercise runs on; the stalled client's feed grows, the police keep being served.
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut slowest = Duration::ZERO;
        let mut reference = 100;
        loop {
            room.advance(30);
            reference += 1;
            let sent = Instant::now();
            let answer = police
                .command(
                    reference,
                    r#"Statement(team: "public-security", text: "Stay calm")"#,
                )
                .await;
            assert_eq!(answer["ok"], true);
            slowest = slowest.max(sent.elapsed());
            let connected = room.table.lock().unwrap().host.connected();
            if !connected.contains_key(&health) || Instant::now() > deadline {
                break;
            }
        }
        assert!(
            !room
                .table
                .lock()
                .unwrap()
                .host
                .connected()
                .contains_key(&health),
            "the stalled client was let go"
        );
        assert!(
            slowest < Duration::from_secs(2),
            "the others waited {slowest:?}"
        );
        drop(stalled);
    });
    room.close();
}

#[test]
fn a_command_is_answered_before_its_events_arrive() {
    let room = Room::open("order", host::Limits::default());
    let code = room.code(&team("health-cdc"));
    runtime().block_on(async {
        let mut client = Client::joined(room.address, &code).await;
        let state = client.wait_for(|m| m["type"] == "state").await;
        let units: Vec<String> = state["view"]["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_string())
            .collect();
        assert!(units.len() >= 4, "{units:?}");
        // Each unit sent out: each order is accepted and makes an event.
        for (reference, unit) in (1..).zip(&units) {
            let answer = client
                .command(
                    reference,
                    &format!(r#"Dispatch(team: "health-cdc", unit: "{unit}", to: "hexi")"#),
                )
                .await;
            assert_eq!(answer["ok"], true, "{answer}");
            let answered_at = client.received.len() - 1;
            let event = client
                .wait_for(|m| {
                    m["type"] == "news"
                        && m["items"].as_array().unwrap().iter().any(|item| {
                            item["text"]
                                .as_str()
                                .unwrap()
                                .starts_with(&format!("{unit} on its way"))
                        })
                })
                .await;
            let event_at = client.received.len() - 1;
            assert!(answered_at < event_at, "the event came first: {event}");
        }
    });
    room.close();
}

#[test]
fn before_the_start_each_page_shows_its_own_briefing_then_its_desk() {
    let bundled = crate::library::find(crate::library::DEFAULT_SCENARIO).unwrap();
    let (scenario, _) = bundled.load().unwrap();
    let scenario = Arc::new(scenario);
    let teams: Vec<String> = scenario.teams.iter().map(|t| t.id.name.clone()).collect();
    let codes = Codes::for_teams(&teams);
    let host = Host::start_with(
        "127.0.0.1:0".parse().unwrap(),
        codes.clone(),
        Language::En,
        host::Limits::default(),
    )
    .unwrap();
    let publisher = Publisher::default();
    let code_of = |role: &Role| {
        codes
            .passes()
            .iter()
            .find(|p| &p.role == role)
            .unwrap()
            .code
            .clone()
    };
    let health = team("health-cdc");
    let units_of = |team: &str| -> Vec<String> {
        let agencies = &scenario.team(team).unwrap().agencies;
        scenario
            .units
            .iter()
            .filter(|u| agencies.contains(&u.agency))
            .map(|u| {
                let kind = scenario.resource_type(u.resource.as_str()).unwrap();
                u.name.clone().unwrap_or(kind.name.clone())
            })
            .collect()
    };
    runtime().block_on(async {
        let mut page = Client::joined(host.address(), &code_of(&health)).await;
        let mut projector = Client::joined(host.address(), &code_of(&Role::Projector)).await;
        publisher.publish_briefing(&host, &scenario, Language::En);
        let state = page.wait_for(|m| m["type"] == "state").await;
        let briefing = &state["view"]["briefing"];
        assert_eq!(briefing["who"], scenario.team("health-cdc").unwrap().name);
        let units = briefing["units"].to_string();
        for own in units_of("health-cdc") {
            assert!(
                units.contains(&format!("× {own},")),
                "{own} missing: {units}"
            );
        }
        for other in units_of("public-security") {
            assert!(
                !units.contains(&format!("× {other},")),
                "{other} leaked: {units}"
            );
        }
        assert!(!briefing["objectives"].as_array().unwrap().is_empty());
        assert!(!briefing["starts"].as_str().unwrap().is_empty());
        let shown = projector.wait_for(|m| m["type"] == "state").await;
        assert_eq!(
            shown["view"]["briefing"]["units"].as_array().unwrap().len(),
            0
        );

        // The exercise starts: the desk replaces the briefing.
        let exercise = Exercise::new(scenario.clone(), SEED, Mode::Stochastic);
        publisher.publish(&host, &exercise, Language::En, &[], None);
        let state = page.wait_for(|m| m["type"] == "state").await;
        assert!(state["view"]["briefing"].is_null());
        assert_eq!(state["view"]["team"]["id"], "health-cdc");
    });
}
