//! Teams on their own devices: the app opens the exercise to browsers (`muster gui --host`, or
//! the console's button), journals and applies each command a page sends the moment it arrives,
//! and keeps every role's feed up to date. The host itself, the codes, the scoping and the pages
//! are in `crate::net`; no rule of the exercise is here.
//!
//! A page's command does not wait for the next rendered frame: a frame drawn by a software
//! renderer takes a fifth of a second, and a team would feel every one. A thread of its own
//! takes each command from the host's queue, locks the session between the frames' systems,
//! journals and applies it through `Session::command_outcome` (the path a button press takes),
//! answers, and publishes its events.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

use super::session::{ApplyActions, Session, SharedSession};
use crate::i18n::Message;
use crate::msg;
use crate::net::pages::escape;
use crate::net::{Codes, Host, Hub, Inbound, Publisher, Role};

/// Where the console opens the exercise when the command line did not say: every network of
/// this machine, on a port that is rarely taken.
pub const DEFAULT_ADDRESS: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 7878);
/// How often the pages are brought up to date while nothing in particular happens.
const PUBLISH_EVERY: Duration = Duration::from_millis(200);

/// What the console asks of the host.
#[derive(Debug, Clone)]
pub enum Request {
    Open(SocketAddr),
    Revoke(Role),
    Reissue(Role),
    PrintCards,
}

#[derive(Resource, Default)]
pub struct Requests(pub Vec<Request>);

/// The host, while the exercise is open to devices.
#[derive(Resource, Default)]
pub struct Remote {
    pub host: Option<Host>,
    /// The address teams type (this machine's address on the room's network).
    pub url: String,
    /// Also written there on every change of codes (`--codes`).
    pub codes_file: Option<PathBuf>,
    /// The address asked for on the command line, opened at start.
    pub open_at_start: Option<SocketAddr>,
    /// Commands from devices applied so far (a script waits for them).
    commands_applied: Arc<AtomicUsize>,
    /// Shared with the thread that applies commands: it publishes their events at once.
    publisher: Arc<Publisher>,
    last_publish: Option<Instant>,
    last_connected: Vec<(Role, usize)>,
}

impl Remote {
    /// Opens at start on `address`, if given; writes the codes to `codes_file` too.
    pub fn new(address: Option<SocketAddr>, codes_file: Option<PathBuf>) -> Remote {
        Remote {
            open_at_start: address,
            codes_file,
            ..Remote::default()
        }
    }

    pub fn codes(&self) -> Option<Codes> {
        self.host.as_ref().map(|host| host.codes())
    }

    pub fn commands_taken(&self) -> usize {
        self.commands_applied.load(Ordering::Acquire)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Remote>()
        .init_resource::<Requests>()
        .add_systems(
            Update,
            (open_at_start, handle_requests, publish.after(ApplyActions)),
        );
}

/// The URL on this machine's address in the room: the address it would use to reach another
/// machine there (no packet is sent), else loopback.
fn url_for(address: SocketAddr) -> String {
    let ip = if address.ip().is_unspecified() {
        UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
            .and_then(|socket| {
                // TEST-NET-1: routed like any outside address, never answered.
                socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9))?;
                socket.local_addr()
            })
            .map(|local| local.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
    } else {
        address.ip()
    };
    format!("http://{}", SocketAddr::new(ip, address.port()))
}

/// The codes kept beside the journal, so a resumed exercise keeps the cards handed out.
fn codes_beside(journal: &std::path::Path) -> PathBuf {
    let mut name = journal.file_stem().unwrap_or_default().to_os_string();
    name.push(".codes.tsv");
    journal.with_file_name(name)
}

fn open(
    remote: &mut Remote,
    shared: &SharedSession,
    session: &mut Session,
    address: SocketAddr,
    proxy: &EventLoopProxyWrapper,
) {
    if remote.host.is_some() {
        return;
    }
    let Some(scenario) = session.scenario.clone() else {
        session.notice(msg!("notice-scenario-has-errors"));
        return;
    };
    let teams: Vec<String> = scenario.teams.iter().map(|t| t.id.name.clone()).collect();
    let kept = codes_beside(&session.journal_path);
    let codes = std::fs::read_to_string(&kept)
        .ok()
        .and_then(|text| Codes::from_tsv(&text, &teams).ok())
        .unwrap_or_else(|| Codes::for_teams(&teams));
    // The host, and the thread that applies its commands; a host without that thread is closed.
    let started = Host::start(address, codes, session.language).and_then(|mut host| {
        let proxy = (**proxy).clone();
        host.set_waker(move || {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        });
        let publisher = Arc::<Publisher>::default();
        if let Some(queue) = host.take_command_queue() {
            let applier = Applier {
                session: shared.clone(),
                hub: Arc::downgrade(&host.hub()),
                publisher: publisher.clone(),
                applied: remote.commands_applied.clone(),
            };
            std::thread::Builder::new()
                .name("muster-commands".into())
                .spawn(move || applier.run(queue))?;
        }
        Ok((host, publisher))
    });
    match started {
        Ok((host, publisher)) => {
            remote.url = url_for(host.address());
            remote.publisher = publisher;
            remote.host = Some(host);
            write_codes(remote, session);
            session.notice(msg!("notice-host-open", url = remote.url.as_str()));
        }
        Err(e) => session.notice(msg!(
            "notice-host-cannot-open",
            address = address.to_string(),
            error = e.to_string()
        )),
    }
}

/// The codes beside the journal and in `--codes`, after every change.
fn write_codes(remote: &Remote, session: &mut Session) {
    let Some(codes) = remote.codes() else {
        return;
    };
    let text = codes.to_tsv(&remote.url);
    let mut files = vec![codes_beside(&session.journal_path)];
    files.extend(remote.codes_file.clone());
    for file in files {
        if let Some(dir) = file.parent()
            && !dir.as_os_str().is_empty()
        {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = std::fs::write(&file, &text) {
            session.notice(msg!(
                "notice-cannot-write",
                path = file.display().to_string(),
                error = e.to_string()
            ));
        }
    }
}

fn open_at_start(
    mut remote: ResMut<Remote>,
    session: Res<SharedSession>,
    proxy: Res<EventLoopProxyWrapper>,
) {
    if let Some(address) = remote.open_at_start.take() {
        open(&mut remote, &session, &mut session.lock(), address, &proxy);
    }
}

fn handle_requests(
    mut requests: ResMut<Requests>,
    mut remote: ResMut<Remote>,
    shared: Res<SharedSession>,
    proxy: Res<EventLoopProxyWrapper>,
) {
    for request in std::mem::take(&mut requests.0) {
        let mut session = shared.lock();
        match request {
            Request::Open(address) => open(&mut remote, &shared, &mut session, address, &proxy),
            Request::Revoke(role) => {
                if let Some(host) = &remote.host {
                    host.revoke(&role);
                    write_codes(&remote, &mut session);
                }
            }
            Request::Reissue(role) => {
                if let Some(host) = &remote.host {
                    host.reissue(&role);
                    write_codes(&remote, &mut session);
                }
            }
            Request::PrintCards => match print_cards(&remote, &session) {
                Ok(Some(path)) => session.notice(msg!(
                    "notice-cards-written",
                    path = path.display().to_string()
                )),
                Ok(None) => {}
                Err(e) => session.notice(e),
            },
        }
    }
}

/// What the commands' thread holds: the session to apply them to, and the feeds to publish to.
struct Applier {
    session: SharedSession,
    /// Weak: the host's queue closes, and this thread ends, when the host is dropped.
    hub: Weak<Hub>,
    publisher: Arc<Publisher>,
    applied: Arc<AtomicUsize>,
}

impl Applier {
    /// Applies commands in arrival order as they come, each journaled before it takes effect;
    /// those that arrived together are published together.
    fn run(self, mut queue: tokio::sync::mpsc::Receiver<Inbound>) {
        while let Some(first) = queue.blocking_recv() {
            let mut session = self.session.lock();
            let mut next = Some(first);
            while let Some(inbound) = next {
                let outcome = session.command_outcome(inbound.command.clone());
                inbound.answer(outcome, session.language);
                self.applied.fetch_add(1, Ordering::Release);
                next = queue.try_recv().ok();
            }
            let Some(hub) = self.hub.upgrade() else {
                return;
            };
            // The events at once; the views with the frame's next publish (they are the dear
            // part, and the session is locked meanwhile).
            if let Some(exercise) = &session.exercise {
                self.publisher
                    .publish_news(&hub, exercise, session.language);
            }
            drop(session);
            // The console shows the command too.
            hub.wake();
        }
    }
}

/// Brings the pages' views up to date (a page's command publishes its own events at once; the
/// views follow here): when someone joined or left, else every [`PUBLISH_EVERY`].
fn publish(mut remote: ResMut<Remote>, session: Res<SharedSession>) {
    let remote = &mut *remote;
    let session = session.lock();
    let Some(host) = &remote.host else {
        return;
    };
    let connected: Vec<(Role, usize)> = host.connected().into_iter().collect();
    let due = remote
        .last_publish
        .is_none_or(|at| at.elapsed() >= PUBLISH_EVERY);
    if !due && connected == remote.last_connected {
        return;
    }
    let publisher = &remote.publisher;
    match (&session.exercise, &session.scenario) {
        (Some(exercise), _) => {
            // The news under the lock (a few new events); the views from a copy, so that
            // commands from pages meanwhile do not wait for them.
            let lang = session.language;
            publisher.publish_news(host, exercise, lang);
            let copy = exercise.clone();
            let (cards, red_card) = (session.scorecards.clone(), session.red_card.clone());
            drop(session);
            publisher.publish_views(host, &copy, lang, &cards, red_card.as_ref());
        }
        (None, Some(scenario)) => publisher.publish_briefing(host, scenario, session.language),
        (None, None) => return,
    }
    remote.last_publish = Some(Instant::now());
    remote.last_connected = connected;
}

/// A page of join cards to print, one per role, each with its code, its link and a QR code of
/// the link; written beside the journal.
fn print_cards(remote: &Remote, session: &Session) -> Result<Option<PathBuf>, Message> {
    let Some(codes) = remote.codes() else {
        return Ok(None);
    };
    let lang = session.language;
    let scenario = session.scenario.as_deref();
    let mut cards = String::new();
    for pass in codes.passes().iter().filter(|p| !p.revoked) {
        let link = crate::net::codes::join_url(&remote.url, &pass.code);
        let qr = qrcode::QrCode::new(link.as_bytes())
            .map(|code| {
                code.render::<qrcode::render::svg::Color<'_>>()
                    .min_dimensions(180, 180)
                    .build()
            })
            .unwrap_or_default();
        let who = role_name(&pass.role, scenario, lang);
        cards.push_str(&format!(
            "<section class=\"card\"><h2>{}</h2>{qr}<p class=\"code\">{}</p><p>{}</p><p class=\"url\">{}</p></section>\n",
            escape(&who),
            escape(&pass.code),
            escape(&crate::tr!(lang, "cards-how", url = remote.url.as_str())),
            escape(&link)
        ));
    }
    let title = scenario.map_or(String::new(), |s| s.meta.title.clone());
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body><h1>{}</h1>{cards}</body></html>",
        escape(&title),
        CARD_STYLE,
        escape(&title)
    );
    let mut name = session
        .journal_path
        .file_stem()
        .unwrap_or_default()
        .to_os_string();
    name.push("-join-cards.html");
    let path = session.journal_path.with_file_name(name);
    std::fs::write(&path, page).map_err(|e| {
        msg!(
            "notice-cannot-write",
            path = path.display().to_string(),
            error = e.to_string()
        )
    })?;
    Ok(Some(path))
}

const CARD_STYLE: &str = "body{font-family:system-ui,sans-serif}h1{font-size:1.1em}.card{display:inline-block;vertical-align:top;width:30%;min-width:16em;margin:.5em;padding:1em;border:1px dashed #888;page-break-inside:avoid;text-align:center}.card h2{font-size:1.2em;margin:.2em}.code{font:bold 1.8em ui-monospace,monospace;letter-spacing:.1em}.url{font:.8em ui-monospace,monospace;word-break:break-all}";

/// A role as the console and the cards name it: the team's name, "Evaluators", "Projector".
pub fn role_name(
    role: &Role,
    scenario: Option<&crate::scenario::Scenario>,
    lang: crate::i18n::Language,
) -> String {
    match role {
        Role::Team(team) => scenario
            .and_then(|s| s.team(team))
            .map_or(team.clone(), |t| t.name.clone()),
        Role::Evaluator => crate::tr!(lang, "devices-evaluators"),
        Role::Projector => crate::tr!(lang, "devices-projector"),
    }
}
