//! The host: HTTP and WebSocket on a tokio runtime in its own thread. It never touches the
//! exercise: a client's command goes to the app as an [`Inbound`] (the app journals and applies
//! it like a button press, and answers), and what each role may see comes back as feeds the
//! app publishes ([`super::publish`]). Scoping is the publisher's: a connection only ever
//! reads its own role's feed.
//!
//! A feed is the role's latest state plus its news log. A connection keeps a cursor into the
//! log and sends what it has not sent; a slow client therefore holds no queue of its own and
//! never slows the app or the others, and one that cannot take a message within
//! [`SEND_TIMEOUT`] is disconnected (it reconnects and gets its view again).

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{mpsc, watch};

use super::codes::{Codes, Role};
use super::protocol::{self, ClientMessage};
use crate::i18n::{Language, Message};
use crate::sim::Command;

/// The largest message a client may send: a command with a long report or statement fits many
/// times over. Larger ones get an error reply and change nothing.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// Beyond this the WebSocket layer itself drops the connection (no reply can be read).
const HARD_MESSAGE_LIMIT: usize = 1024 * 1024;
/// A connection that has not given a code by then is closed.
const JOIN_TIMEOUT: Duration = Duration::from_secs(60);
/// A client that cannot take one message in this time is hopeless for now: disconnected.
/// Ten seconds outlast a tablet's Wi-Fi hiccup; the client comes back by itself.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// The host's patience, changeable for tests.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub send_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            send_timeout: SEND_TIMEOUT,
        }
    }
}
/// Answers from the app waiting to be sent to one client; beyond them its commands are refused
/// as "busy" until it reads.
const REPLIES_WAITING: usize = 16;
/// Commands from all clients waiting for the app's commands thread (it applies each on arrival).
const INBOUND_QUEUE: usize = 1024;
/// Wrong codes an address may try before each further try waits.
const FREE_WRONG_CODES: u32 = 3;
/// How long each further try from that address waits, per wrong code beyond the free ones, up
/// to [`MAX_CODE_DELAY`]: guessing one code in 8.5 × 10^11 becomes hopeless.
const CODE_DELAY_STEP: Duration = Duration::from_secs(2);
const MAX_CODE_DELAY: Duration = Duration::from_secs(30);
/// An address that stops guessing for this long starts afresh.
const WRONG_CODES_FORGOTTEN_AFTER: Duration = Duration::from_secs(15 * 60);

/// A client's command for the app to journal and apply, and the way back to that client.
pub struct Inbound {
    pub role: Role,
    pub command: Command,
    reference: u64,
    reply: mpsc::Sender<String>,
}

impl Inbound {
    /// Tells the client what became of its command (worded in `lang`). A client that has gone
    /// meanwhile misses the answer; the command stands either way.
    pub fn answer(self, outcome: Result<(), Message>, lang: Language) {
        let text = protocol::result(self.reference, outcome.map_err(|m| m.text(lang)));
        let _ = self.reply.try_send(text);
    }
}

/// What one role is shown: its latest state and its news so far.
struct Feed {
    changed: watch::Sender<u64>,
    content: RwLock<FeedContent>,
}

#[derive(Default)]
struct FeedContent {
    /// Raised when the news log starts again (a new exercise, another language).
    generation: u64,
    /// The `state` message, whole.
    state: Arc<str>,
    /// Each item one JSON object.
    news: Vec<Arc<str>>,
}

impl Feed {
    fn new() -> Feed {
        Feed {
            changed: watch::Sender::new(0),
            content: RwLock::new(FeedContent::default()),
        }
    }

    fn touch(&self) {
        self.changed.send_modify(|v| *v += 1);
    }
}

#[derive(Default)]
struct WrongCodes {
    count: u32,
    /// When the next try from the address may be checked.
    next_try: Option<Instant>,
    last: Option<Instant>,
}

/// What the host's threads and the app share.
pub struct Hub {
    codes: Mutex<Codes>,
    /// Raised when a code is revoked: connections check theirs.
    revocations: watch::Sender<u64>,
    feeds: Mutex<BTreeMap<Role, Arc<Feed>>>,
    connected: Mutex<BTreeMap<Role, usize>>,
    wrong_codes: Mutex<HashMap<IpAddr, WrongCodes>>,
    inbound: mpsc::Sender<Inbound>,
    language: RwLock<Language>,
    /// Wakes the app when a command arrives (it sleeps while paused).
    waker: RwLock<Option<Box<dyn Fn() + Send + Sync>>>,
    closing: watch::Sender<bool>,
    limits: Limits,
}

impl Hub {
    /// The language of the pages' words and of answers to commands.
    pub fn set_language(&self, language: Language) {
        *self.language.write().expect("language") = language;
    }

    pub fn codes(&self) -> Codes {
        self.codes.lock().expect("codes").clone()
    }

    /// The role's code stops working; its connections are told and closed.
    pub fn revoke(&self, role: &Role) {
        self.codes.lock().expect("codes").revoke(role);
        self.revocations.send_modify(|v| *v += 1);
    }

    /// A new code for the role; connections with the old one are closed.
    pub fn reissue(&self, role: &Role) -> String {
        let code = self.codes.lock().expect("codes").reissue(role);
        self.revocations.send_modify(|v| *v += 1);
        code
    }

    /// Open connections per role.
    pub fn connected(&self) -> BTreeMap<Role, usize> {
        let mut connected = self.connected.lock().expect("connected").clone();
        connected.retain(|_, n| *n > 0);
        connected
    }

    /// Whether a role's page lacks a current state (nobody was connected to keep it fresh).
    pub fn lacks_state(&self, role: &Role) -> bool {
        self.feed(role)
            .content
            .read()
            .expect("feed")
            .state
            .is_empty()
    }

    /// Replaces a role's state (one JSON object).
    pub fn set_state(&self, role: &Role, state: &str) {
        let feed = self.feed(role);
        feed.content.write().expect("feed").state = Arc::from(protocol::state(state));
        feed.touch();
    }

    /// Adds news items (each one JSON object) to a role's log.
    pub fn add_news(&self, role: &Role, items: Vec<Arc<str>>) {
        if items.is_empty() {
            return;
        }
        let feed = self.feed(role);
        feed.content.write().expect("feed").news.extend(items);
        feed.touch();
    }

    /// Starts a role's news again: its clients drop what they were shown. Its state goes too
    /// (another exercise, another language): until the next is set, pages wait for it rather
    /// than show the old one.
    pub fn restart_news(&self, role: &Role) {
        let feed = self.feed(role);
        {
            let mut content = feed.content.write().expect("feed");
            content.generation += 1;
            content.news.clear();
            content.state = Arc::from("");
        }
        feed.touch();
    }

    fn feed(&self, role: &Role) -> Arc<Feed> {
        let mut feeds = self.feeds.lock().expect("feeds");
        feeds
            .entry(role.clone())
            .or_insert_with(|| Arc::new(Feed::new()))
            .clone()
    }

    fn language(&self) -> Language {
        *self.language.read().expect("language")
    }

    /// How long a code check from this address must wait first.
    fn wait_before_checking(&self, ip: IpAddr) -> Duration {
        let now = Instant::now();
        let mut all = self.wrong_codes.lock().expect("wrong codes");
        all.retain(|_, w| {
            w.last
                .is_some_and(|t| now - t < WRONG_CODES_FORGOTTEN_AFTER)
        });
        let entry = all.entry(ip).or_default();
        if entry.count < FREE_WRONG_CODES {
            return Duration::ZERO;
        }
        let step = CODE_DELAY_STEP * (entry.count - FREE_WRONG_CODES + 1);
        let slot = entry.next_try.map_or(now, |t| t.max(now));
        // Each try takes a later slot, so parallel connections do not multiply the guesses.
        entry.next_try = Some(slot + step.min(MAX_CODE_DELAY));
        slot - now
    }

    fn wrong_code(&self, ip: IpAddr) {
        let mut all = self.wrong_codes.lock().expect("wrong codes");
        let entry = all.entry(ip).or_default();
        entry.count += 1;
        entry.last = Some(Instant::now());
    }

    /// Tells the app something arrived (it sleeps while paused).
    pub fn wake(&self) {
        if let Some(wake) = self.waker.read().expect("waker").as_ref() {
            wake();
        }
    }

    fn join(&self, code: &str) -> Option<Role> {
        self.codes.lock().expect("codes").role_of(code).cloned()
    }

    fn still_granted(&self, code: &str, role: &Role) -> bool {
        self.codes.lock().expect("codes").grants(code, role)
    }
}

/// Counts a connection as present while it lives.
struct Presence {
    hub: Arc<Hub>,
    role: Role,
}

impl Presence {
    fn new(hub: Arc<Hub>, role: Role) -> Presence {
        *hub.connected
            .lock()
            .expect("connected")
            .entry(role.clone())
            .or_default() += 1;
        Presence { hub, role }
    }
}

impl Drop for Presence {
    fn drop(&mut self) {
        let mut connected = self.hub.connected.lock().expect("connected");
        if let Some(count) = connected.get_mut(&self.role) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                // Nobody keeps this role's state fresh now: the next to join waits for a
                // fresh one rather than reading a stale one.
                self.hub
                    .feed(&self.role)
                    .content
                    .write()
                    .expect("feed")
                    .state = Arc::from("");
            }
        }
    }
}

/// The running host; dropping it closes every connection and stops the server.
pub struct Host {
    hub: Arc<Hub>,
    /// None once handed to the app's own thread ([`Host::take_command_queue`]).
    inbound: Option<mpsc::Receiver<Inbound>>,
    address: SocketAddr,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Host {
    /// Listens on `address` (port 0: any free port) and serves the pages and the WebSocket.
    /// The address is bound before this returns, so a port in use is reported here.
    pub fn start(address: SocketAddr, codes: Codes, language: Language) -> std::io::Result<Host> {
        Host::start_with(address, codes, language, Limits::default())
    }

    pub fn start_with(
        address: SocketAddr,
        codes: Codes,
        language: Language,
        limits: Limits,
    ) -> std::io::Result<Host> {
        let listener = std::net::TcpListener::bind(address)?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let (inbound_tx, inbound) = mpsc::channel(INBOUND_QUEUE);
        let hub = Arc::new(Hub {
            codes: Mutex::new(codes),
            revocations: watch::Sender::new(0),
            feeds: Mutex::new(BTreeMap::new()),
            connected: Mutex::new(BTreeMap::new()),
            wrong_codes: Mutex::new(HashMap::new()),
            inbound: inbound_tx,
            language: RwLock::new(language),
            waker: RwLock::new(None),
            closing: watch::Sender::new(false),
            limits,
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("muster-host")
            .enable_all()
            .build()?;
        let served = hub.clone();
        let thread = std::thread::Builder::new()
            .name("muster-host".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => listener,
                        Err(e) => {
                            eprintln!("muster: the host cannot listen: {e}");
                            return;
                        }
                    };
                    let mut closing = served.closing.subscribe();
                    let app = router(served);
                    let server = axum::serve(
                        listener,
                        app.into_make_service_with_connect_info::<SocketAddr>(),
                    )
                    .with_graceful_shutdown(async move {
                        let _ = closing.wait_for(|c| *c).await;
                    });
                    if let Err(e) = server.await {
                        eprintln!("muster: the host stopped: {e}");
                    }
                });
            })?;
        Ok(Host {
            hub,
            inbound: Some(inbound),
            address,
            thread: Some(thread),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Called (from the host's threads) whenever a command arrives.
    pub fn set_waker(&self, waker: impl Fn() + Send + Sync + 'static) {
        *self.hub.waker.write().expect("waker") = Some(Box::new(waker));
    }

    /// The commands clients sent since the last call, in arrival order (none once the queue
    /// was taken).
    pub fn take_commands(&mut self) -> Vec<Inbound> {
        let mut taken = Vec::new();
        while let Some(Ok(inbound)) = self.inbound.as_mut().map(mpsc::Receiver::try_recv) {
            taken.push(inbound);
        }
        taken
    }

    /// The queue of clients' commands, for a thread that applies each as it arrives instead of
    /// polling [`Host::take_commands`]; `blocking_recv` ends when the host closes.
    pub fn take_command_queue(&mut self) -> Option<mpsc::Receiver<Inbound>> {
        self.inbound.take()
    }

    /// What the host shares with its connections, for a thread that publishes on its own.
    pub fn hub(&self) -> Arc<Hub> {
        self.hub.clone()
    }
}

impl std::ops::Deref for Host {
    type Target = Hub;

    fn deref(&self) -> &Hub {
        &self.hub
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.hub.closing.send_replace(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn router(hub: Arc<Hub>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/join/{code}", get(page))
        .route("/muster.js", get(script))
        .route("/muster.css", get(style))
        .route("/ws", get(upgrade))
        .with_state(hub)
}

async fn page(State(hub): State<Arc<Hub>>) -> Html<String> {
    Html(super::pages::page(hub.language()))
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        super::pages::SCRIPT,
    )
        .into_response()
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        super::pages::STYLE,
    )
        .into_response()
}

async fn upgrade(
    ws: WebSocketUpgrade,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(hub): State<Arc<Hub>>,
) -> Response {
    ws.max_message_size(HARD_MESSAGE_LIMIT)
        .max_frame_size(HARD_MESSAGE_LIMIT)
        .on_upgrade(move |socket| connection(socket, peer.ip(), hub))
}

/// Sends one message, or gives up on a client that cannot take it in time.
async fn send(socket: &mut WebSocket, hub: &Hub, text: String) -> bool {
    matches!(
        tokio::time::timeout(hub.limits.send_timeout, socket.send(WsMessage::text(text))).await,
        Ok(Ok(()))
    )
}

/// What a connection has sent of its role's feed.
#[derive(Default)]
struct Sent {
    generation: u64,
    state: Option<Arc<str>>,
    news: usize,
}

/// Sends what the client has not seen of its feed: the state if it changed, news since its
/// cursor (all of it after a restart of the log).
async fn catch_up(socket: &mut WebSocket, hub: &Hub, feed: &Feed, sent: &mut Sent) -> bool {
    let (reset, state, news) = {
        let content = feed.content.read().expect("feed");
        let reset = content.generation != sent.generation;
        if reset {
            sent.generation = content.generation;
            sent.news = 0;
        }
        let state = (sent.state.as_ref().map(|s| s.as_ptr()) != Some(content.state.as_ptr())
            && !content.state.is_empty())
        .then(|| content.state.clone());
        let news: Vec<Arc<str>> = content.news[sent.news.min(content.news.len())..].to_vec();
        (reset, state, news)
    };
    if let Some(state) = state {
        if !send(socket, hub, state.to_string()).await {
            return false;
        }
        sent.state = Some(state);
    }
    if reset || !news.is_empty() {
        if !send(socket, hub, protocol::news(reset, &news)).await {
            return false;
        }
        sent.news += news.len();
    }
    true
}

async fn connection(mut socket: WebSocket, ip: IpAddr, hub: Arc<Hub>) {
    let mut closing = hub.closing.subscribe();
    let Some((role, code)) = join(&mut socket, ip, &hub).await else {
        return;
    };
    let _presence = Presence::new(hub.clone(), role.clone());
    // The app publishes this role's view when it sees someone connected.
    hub.wake();
    let feed = hub.feed(&role);
    let mut changed = feed.changed.subscribe();
    let mut revocations = hub.revocations.subscribe();
    let (reply_tx, mut replies) = mpsc::channel::<String>(REPLIES_WAITING);
    let mut welcomed_in = hub.language();
    if !send(&mut socket, &hub, protocol::welcome(&role, welcomed_in)).await {
        return;
    }
    let mut sent = Sent::default();
    changed.mark_unchanged();
    if !catch_up(&mut socket, &hub, &feed, &mut sent).await {
        return;
    }
    loop {
        tokio::select! {
            // A command's answer goes out before its events: the app answers before it
            // publishes them.
            biased;
            Some(reply) = replies.recv() => {
                if !send(&mut socket, &hub, reply).await {
                    return;
                }
            }
            received = socket.recv() => {
                let Some(Ok(message)) = received else { return };
                let reply = match message {
                    WsMessage::Text(text) => {
                        handle(&hub, &role, text.as_str(), &reply_tx)
                    }
                    WsMessage::Binary(_) => Some(protocol::error(None, &crate::tr!(hub.language(), "web-error-malformed"))),
                    WsMessage::Close(_) => return,
                    WsMessage::Ping(_) | WsMessage::Pong(_) => None,
                };
                if let Some(reply) = reply
                    && !send(&mut socket, &hub, reply).await
                {
                    return;
                }
            }
            Ok(()) = changed.changed() => {
                // The facilitator chose another language: the page takes its new words before
                // the state and news worded in it.
                let language = hub.language();
                if language != welcomed_in {
                    welcomed_in = language;
                    if !send(&mut socket, &hub, protocol::welcome(&role, language)).await {
                        return;
                    }
                    sent.state = None;
                }
                if !catch_up(&mut socket, &hub, &feed, &mut sent).await {
                    return;
                }
            }
            Ok(()) = revocations.changed() => {
                if !hub.still_granted(&code, &role) {
                    let _ = send(&mut socket, &hub, protocol::revoked(&crate::tr!(hub.language(), "web-revoked"))).await;
                    let _ = socket.send(WsMessage::Close(None)).await;
                    return;
                }
            }
            // Only ever raised: the host is closing.
            _ = closing.changed() => {
                let _ = socket.send(WsMessage::Close(None)).await;
                return;
            }
        }
    }
}

/// Waits for a good code; wrong ones are answered (without saying what was wrong) and slowed
/// down per address.
async fn join(socket: &mut WebSocket, ip: IpAddr, hub: &Hub) -> Option<(Role, String)> {
    let deadline = tokio::time::Instant::now() + JOIN_TIMEOUT;
    loop {
        let received = tokio::time::timeout_at(deadline, socket.recv())
            .await
            .ok()??;
        let text = match received.ok()? {
            WsMessage::Text(text) => text,
            WsMessage::Close(_) => return None,
            WsMessage::Ping(_) | WsMessage::Pong(_) => continue,
            WsMessage::Binary(_) => {
                let reply =
                    protocol::error(None, &crate::tr!(hub.language(), "web-error-malformed"));
                if !send(socket, hub, reply).await {
                    return None;
                }
                continue;
            }
        };
        let code = match protocol::parse(text.as_str()) {
            Ok(ClientMessage::Join { code }) => code,
            Ok(_) => {
                let reply =
                    protocol::error(None, &crate::tr!(hub.language(), "web-error-join-first"));
                if !send(socket, hub, reply).await {
                    return None;
                }
                continue;
            }
            Err(problem) => {
                let reply = protocol::error(None, &problem.text(hub.language()));
                if !send(socket, hub, reply).await {
                    return None;
                }
                continue;
            }
        };
        let wait = hub.wait_before_checking(ip);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        match hub.join(&code) {
            Some(role) => return Some((role, code)),
            None => {
                hub.wrong_code(ip);
                let reply = protocol::denied(&crate::tr!(hub.language(), "web-code-refused"));
                if !send(socket, hub, reply).await {
                    return None;
                }
            }
        }
    }
}

/// A message from a joined client: a command goes to the app (the answer comes later); what is
/// wrong is answered at once and changes nothing.
fn handle(hub: &Hub, role: &Role, text: &str, reply: &mpsc::Sender<String>) -> Option<String> {
    let lang = hub.language();
    if text.len() > MAX_MESSAGE_BYTES {
        return Some(protocol::error(
            None,
            &crate::tr!(
                lang,
                "web-error-too-large",
                limit = MAX_MESSAGE_BYTES as u64
            ),
        ));
    }
    let (reference, command) = match protocol::parse(text) {
        Ok(ClientMessage::Command { reference, command }) => (reference, command),
        Ok(ClientMessage::Join { .. }) => return None,
        Err(problem) => return Some(protocol::error(None, &problem.text(lang))),
    };
    let command = match command {
        Ok(command) => *command,
        Err(problem) => return Some(protocol::result(reference, Err(problem.text(lang)))),
    };
    if let Err(refusal) = role.may_issue(&command) {
        return Some(protocol::result(reference, Err(refusal.text(lang))));
    }
    let inbound = Inbound {
        role: role.clone(),
        command,
        reference,
        reply: reply.clone(),
    };
    if reply.capacity() == 0 || hub.inbound.try_send(inbound).is_err() {
        return Some(protocol::result(
            reference,
            Err(crate::tr!(lang, "web-error-busy")),
        ));
    }
    hub.wake();
    None
}
