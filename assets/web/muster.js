// Muster's page for a team, an evaluator or the projector. It shows what the host sends (every
// text already in the exercise's language) and sends commands as journal lines; the host checks
// each one and the facilitator's app applies it. Plain JavaScript, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
let socket = null;
let code = null;
let role = null;
let language = null;
let words = {};
let view = null;
let nextRef = 1;
let retryDelay = 1000;
let everJoined = false;
const pending = new Map();
const chosen = { unit: null, place: null };

function t(key) { return words[key] || key; }

// Builds an element: h("button", {onclick: f, class: "x"}, "text", child...).
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Replaces an element's content, unless it would read the same: a button a user is pressing
// is not swapped for its twin under the pointer each time the state comes.
function fill(id, ...children) {
  const el = $(id);
  if (!el) return;
  const box = document.createElement(el.tagName);
  box.append(...children.flat().filter((c) => c !== null && c !== undefined));
  if (box.innerHTML !== el.innerHTML) el.replaceChildren(...box.childNodes);
}

function toast(text, bad) {
  const el = $("toast");
  el.textContent = text;
  el.className = "show" + (bad ? " bad" : "");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.className = ""; }, bad ? 6000 : 2500);
}

function send(command) {
  if (!socket || socket.readyState !== WebSocket.OPEN) { toast(t("web-reconnecting"), true); return; }
  const ref = nextRef++;
  pending.set(ref, command);
  socket.send(JSON.stringify({ type: "command", ref, command }));
}

function team() { return view.team.id; }

// A command as the desk offers it, with the reason the player typed (for those that take one).
function because(command, why) {
  const [variant] = Object.keys(command);
  return { [variant]: { ...command[variant], text: why } };
}

function link(state) {
  const el = $("link");
  el.textContent = t(state === "up" ? "web-connected" : state === "down" ? "web-reconnecting" : "web-connecting");
  el.className = "link" + (state === "up" ? "" : " down");
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws`);
  link("connecting");
  socket.onopen = () => socket.send(JSON.stringify({ type: "join", code }));
  socket.onmessage = (e) => receive(JSON.parse(e.data));
  socket.onclose = () => {
    socket = null;
    if (!code) return;
    link("down");
    // Wi-Fi drops, a closed lid, the facilitator's app restarting: keep trying.
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 10000);
  };
}

function showJoin(error) {
  code = null;
  localStorage.removeItem("muster-code");
  $("desk").hidden = true;
  $("join-screen").hidden = false;
  $("join-error").textContent = error || "";
  if (socket) socket.close();
}

function receive(message) {
  switch (message.type) {
    case "welcome":
      retryDelay = 1000;
      words = message.words;
      localStorage.setItem("muster-code", code);
      if (location.pathname.startsWith("/join/")) history.replaceState(null, "", "/");
      link("up");
      if (!view) $("clock").textContent = message.words["web-waiting"] || "";
      document.title = t("web-title");
      // Another role, or the facilitator chose another language: the frame is built anew.
      if (!everJoined || role !== message.role + (message.team || "") || language !== message.lang) build(message);
      document.documentElement.lang = message.lang === "zh" ? "zh-CN" : message.lang;
      everJoined = true;
      role = message.role + (message.team || "");
      language = message.lang;
      break;
    case "state":
      view = message.view;
      render();
      break;
    case "news": {
      const list = $("news");
      if (!list) break;
      if (message.reset) list.replaceChildren();
      for (const item of message.items) {
        list.prepend(h("article", { class: "tone-" + item.tone }, h("time", {}, item.time), item.text));
      }
      if (!list.firstChild) list.append(h("p", { class: "muted" }, t("web-nothing-yet")));
      else if (list.lastChild.tagName === "P") list.lastChild.remove();
      break;
    }
    case "result": {
      pending.delete(message.ref);
      if (message.ok) toast(t("web-done"), false);
      else toast(message.error, true);
      break;
    }
    case "error": toast(message.error, true); break;
    case "denied": showJoin(message.error); break;
    case "revoked": showJoin(message.error); break;
  }
}

function section(id, title, ...body) {
  return h("section", { class: "card", id: id + "-card" }, h("h2", {}, title), ...body);
}

// The page's frame for a role, built once: what the host sends later fills it.
function build(welcome) {
  document.body.className = welcome.role;
  $("join-screen").hidden = true;
  const desk = $("desk");
  desk.hidden = false;
  desk.classList.add("waiting");
  const news = h("div", { class: "news", id: "news" });
  // What shows until the first state comes: the briefing, else a word that it is coming (never
  // the desk's empty sections).
  const waiting = section("briefing", t("web-briefing"), h("div", { id: "briefing" }, h("p", { class: "muted" }, t("web-connecting"))));
  if (welcome.role === "team") {
    desk.replaceChildren(waiting, h("div", { class: "columns" },
      h("div", {},
        h("div", { id: "activate" }),
        section("red", t("web-red"), h("p", { id: "red-budget" }),
          h("div", { class: "row" }, h("label", { for: "red-place" }, t("web-red-place")), h("select", { id: "red-place" })),
          h("div", { class: "row" }, h("label", { for: "red-facility" }, t("web-red-site")), h("select", { id: "red-facility" })),
          h("div", { class: "row" }, h("label", { for: "red-agency" }, t("web-red-agency")), h("select", { id: "red-agency" })),
          h("textarea", { id: "red-text", placeholder: t("web-red-text") }),
          h("div", { id: "red-tactics" }), h("h3", {}, t("web-played")), h("div", { id: "red-played" })),
        section("decisions", t("web-decisions"),
          h("textarea", { id: "why", placeholder: t("web-why") }), h("div", { id: "decisions" })),
        section("reports", t("web-reports-owed"), h("div", { id: "channels" }), h("div", { id: "reports" }),
          h("div", { class: "muted" }, t("web-report-figures")),
          h("div", { class: "row figures" }, FIGURES.map(([key, label]) => h("label", {},
            t(label), h("input", { id: `figure-${key}`, type: "number", min: "0", step: "1", inputmode: "numeric",
              oninput: () => { figuresEdited = true; } })))),
          h("textarea", { id: "report-text", placeholder: t("web-report-text") })),
        section("requests", t("web-requests"), h("div", { id: "requests" })),
        section("feed", t("web-feed"), h("div", { class: "feed", id: "feed" })),
        section("inbox", t("web-inbox"), news)),
      h("div", {},
        section("units", t("web-units"),
          h("div", { id: "map" }),
          h("div", { class: "units", id: "units" }),
          h("div", { class: "row" },
            h("label", { for: "place" }, t("web-to")), h("select", { id: "place", onchange: (e) => { chosen.place = e.target.value; drawMap(); } }),
            h("label", { for: "work" }, t("web-work")),
            h("select", { id: "work" }, h("option", { value: "" }, t("web-a-shift")),
              ...[8, 24, 72, 336].map((hours) => h("option", { value: hours + "h" }, hours < 24 ? hours + "h" : hours / 24 + "d"))),
            h("button", { id: "dispatch", onclick: dispatch }, t("web-dispatch")),
            h("button", { class: "secondary", id: "recall", onclick: recall }, t("web-recall"))),
          h("div", { class: "row", id: "cargo", hidden: true },
            h("select", { id: "supply" }), h("input", { id: "quantity", type: "number", min: "0", step: "100", value: "1000" }),
            h("button", { onclick: deliver }, t("web-deliver")))),
        section("facilities", t("web-facilities"), h("div", { id: "facilities" })),
        section("gatherings", t("web-gatherings"), h("div", { id: "gatherings" })),
        section("actions", t("web-actions"), h("div", { id: "actions" })),
        section("measures", t("web-measures"), h("div", { class: "row" },
          h("select", { id: "measure-district", onchange: showMeasureCost }), h("select", { id: "measure-level" }),
          h("button", { onclick: orderMeasure }, t("web-order"))),
          h("p", { class: "muted", id: "measure-cost" }),
          h("div", { class: "row", id: "zone-row" },
            h("select", { id: "zone", "aria-label": t("web-zone") }), h("select", { id: "zone-level", "aria-label": t("web-zone") }),
            h("button", { onclick: declareZone }, t("web-order")))),
        section("rounds", t("web-testing-rounds"), h("div", { id: "rounds" }), h("div", { class: "row" },
          h("select", { id: "round-district", "aria-label": t("web-testing-rounds") }),
          h("select", { id: "round-method", "aria-label": t("web-test-method"), onchange: showPool }),
          h("label", { for: "round-pool", id: "round-pool-label" }, t("web-samples-a-tube")),
          h("select", { id: "round-pool" }, ...[1, 5, 10, 20].map((n) => h("option", { value: String(n) }, String(n)))),
          h("button", { onclick: startRound }, t("web-start-round")))),
        section("messages", t("web-share"),
          h("div", { class: "answering", id: "answering", hidden: true }),
          h("textarea", { id: "message" }),
          h("div", { class: "row", id: "share-with" }),
          h("div", { class: "row" },
            h("button", { onclick: share }, t("web-send")),
            h("button", { class: "secondary", onclick: requestAid }, t("web-request-aid")),
            h("button", { class: "secondary", id: "statement", onclick: statement }, t("web-statement")),
            h("select", { id: "statement-district", "aria-label": t("web-statement") }))),
        section("score", t("web-scorecard"), h("div", { id: "score" })))));
    // Shown once the state says this is the red cell's page.
    $("red-card").hidden = true;
  } else if (welcome.role === "evaluator") {
    desk.replaceChildren(waiting, h("div", { class: "columns" },
      h("div", {},
        section("observe", t("web-observe"),
          h("input", { id: "evaluator-name", placeholder: t("web-your-name"), value: evaluatorName(),
            onchange: (e) => localStorage.setItem("muster-evaluator", e.target.value.trim()) }),
          h("textarea", { id: "observation" }),
          h("div", { class: "row" },
            h("select", { id: "obs-objective" }), h("select", { id: "obs-team" }),
            h("button", { onclick: observe }, t("web-record")))),
        section("rate", t("web-rate"), h("div", { id: "objectives" })),
        section("observations", t("web-observations"), h("div", { id: "observations" }))),
      h("div", {}, section("inbox", t("web-inbox"), news))));
  } else {
    desk.replaceChildren(waiting, h("div", { class: "columns wide-left" },
      section("map", t("web-map"), h("div", { id: "map" })),
      h("div", {}, section("feed", t("web-feed"), h("div", { class: "feed", id: "feed" })),
        section("public", t("web-public"), news))));
  }
}

function render() {
  if (!view || !view.header) return;
  $("scenario").textContent = view.header.title;
  $("clock").textContent = view.header.clock;
  // Until the exercise starts the page is its briefing; the desk follows with the first state.
  $("desk").classList.toggle("waiting", !!view.briefing);
  $("briefing-card").hidden = !view.briefing;
  if (view.briefing) return renderBriefing(view.briefing);
  if (view.feed) renderFeed();
  if (view.team) renderTeam();
  else if (view.objectives) renderEvaluator();
  else $("who").textContent = "";
  drawMap();
}

// The public's posts, newest first; a team answers an open one with its next statement. Each
// post keeps its element while it stays open or answered (only its engagement line changes),
// so its Answer button stays put while the feed updates.
let answering = null;
const postElements = new Map();
function renderFeed() {
  const list = $("feed");
  if (!list) return;
  if (!view.feed.length) return fill("feed", h("p", { class: "muted" }, t("web-nothing-yet")));
  const mayAnswer = !!view.team && !view.red;
  const posts = view.feed.map((p) => {
    const key = `${p.open}|${p.answered || ""}|${mayAnswer}|${language}`;
    let el = postElements.get(p.number);
    if (!el || el.dataset.key !== key || (el.parentNode && el.parentNode !== list)) {
      el = h("article", { class: "post tone-" + p.tone + (p.open ? " open" : ""), "data-key": key },
        h("div", { class: "muted meta" }),
        h("div", {}, p.text),
        p.answered ? h("div", { class: "muted" }, p.answered)
          : p.open && mayAnswer ? h("button", { class: "secondary", onclick: () => answer(p) }, t("web-answer")) : null);
      postElements.set(p.number, el);
    }
    const meta = `${p.time} · ${p.who} · ${p.engaged}`;
    if (el.firstChild.textContent !== meta) el.firstChild.textContent = meta;
    return el;
  });
  if (posts.length !== list.children.length || posts.some((el, n) => list.children[n] !== el)) list.replaceChildren(...posts);
}

function answer(post) {
  answering = post;
  showAnswering();
  if (post.district) $("statement-district").value = post.district;
  $("message").focus();
}

function showAnswering() {
  const box = $("answering");
  if (!box) return;
  box.hidden = !answering;
  box.replaceChildren(...(answering ? [h("div", { class: "muted" }, t("web-answering")), h("q", {}, answering.text),
    h("button", { class: "secondary", onclick: () => { answering = null; showAnswering(); } }, t("web-cancel"))] : []));
}

function renderBriefing(b) {
  const list = (title, items) => items && items.length ? [h("h3", {}, title), h("ul", {}, items.map((i) => h("li", {}, i)))] : null;
  $("who").textContent = b.who || "";
  fill("briefing", b.who ? h("p", {}, h("strong", {}, b.who), b.about ? " — " + b.about : "") : null,
    h("p", { class: "muted" }, b.starts),
    b.description ? h("p", { class: "prose" }, b.description) : null,
    list(t("web-your-agencies"), b.agencies), list(t("web-your-units"), b.units), list(t("web-objectives"), b.objectives));
}

function showMeasureCost() {
  if (view && view.measures) $("measure-cost").textContent = view.measures.costs[$("measure-district").value] || "";
}

function options(select, items, keep) {
  const before = keep !== undefined ? keep : select.value;
  select.replaceChildren(...items.map(([value, label]) => h("option", { value }, label)));
  if (items.some(([value]) => value === before)) select.value = before;
}

function renderTeam() {
  $("who").textContent = view.team.name;
  fill("activate", view.team.activate ? h("button", { onclick: () => send(view.team.activate) }, t("web-activate")) : null);
  fill("decisions", view.decisions.length ? view.decisions.map((d) => h("div", { class: "card" },
    h("strong", {}, d.question), h("div", { class: "muted" }, `${t("web-deadline")}: ${d.due}`),
    h("div", { class: "row" }, d.options.map((o) => h("button", {
      class: d.answered === o.id ? "" : "secondary", title: o.description,
      onclick: () => send(because(o.command, $("why").value)),
    }, o.label))))) : h("p", { class: "muted" }, t("web-nothing-yet")));
  $("decisions-card").hidden = !view.decisions.length;
  fill("reports", view.reports.map((r) => h("div", { class: "row" + (r.late ? " alert" : "") }, r.words,
    h("button", { class: "secondary", onclick: () => fileReport(r) }, t("web-file-report")))));
  fill("channels", (view.channels_down || []).map((c) => h("div", { class: "row alert" }, c.words,
    c.restore ? h("button", { onclick: () => send(c.restore) }, t("web-restore")) : null)));
  $("reports-card").hidden = !view.reports.length && !(view.channels_down || []).length;
  showCounted();
  renderRed();
  fill("requests", view.requests.map((r) => h("div", { class: "row" }, r.words,
    h("button", { onclick: () => send(r.accept) }, t("web-accept")),
    h("button", { class: "secondary", onclick: () => send(r.decline) }, t("web-decline")))));
  $("requests-card").hidden = !view.requests.length;
  fill("units", view.units.map((u) => h("label", {},
    h("input", { type: "radio", name: "unit", value: u.id, checked: chosen.unit === u.id, onchange: () => { chosen.unit = u.id; showCargo(); drawMap(); } }),
    h("strong", {}, u.id), ` ${u.kind} — ${u.status}`, u.out_of_service ? h("span", { class: "alert" }, ` (${u.out_of_service})`) : null)));
  const places = view.city.districts.map((d) => [d.id, d.name]).concat(view.city.facilities.map((f) => [f.id, `${f.name} (${f.kind})`]));
  options($("place"), places, chosen.place || undefined);
  chosen.place = $("place").value;
  options($("supply"), view.supplies.map((s) => [s.id, s.name]));
  showCargo();
  const facilityOrder = (command, words) => command
    ? h("button", { class: "secondary", onclick: () => send(because(command, $("why").value)) }, t(words)) : null;
  fill("facilities", view.facilities.map((f) => h("div", { class: "row" }, f.words,
    facilityOrder(f.close, "web-close"), facilityOrder(f.reopen, "web-open"), facilityOrder(f.cohort_isolate, "web-cohort"))));
  $("facilities-card").hidden = !view.facilities.length;
  fill("gatherings", view.gatherings.map((g) => h("div", {}, h("p", {}, g.words), h("div", { class: "row" },
    g.options.map((o) => h("button", { class: "secondary",
      onclick: () => send(because(o.command, $("why").value)) }, o.words))))));
  $("gatherings-card").hidden = !view.gatherings.length;
  fill("actions", view.actions.length ? view.actions.map((a) => h("div", { class: "row" },
    h("button", { disabled: !a.available, title: a.description, onclick: () => send(because(a.command, $("why").value)) }, t("web-take")),
    h("span", {}, a.name), a.why_not ? h("span", { class: "muted" }, a.why_not) : null)) : h("p", { class: "muted" }, "—"));
  $("measures-card").hidden = !view.measures.may_order;
  $("rounds-card").hidden = !view.rounds.may_start;
  fill("rounds", view.rounds.under_way.map((words) => h("p", {}, words)));
  options($("round-district"), [["", t("web-city-wide")]].concat(view.city.districts.map((d) => [d.id, d.name])));
  options($("round-method"), view.rounds.methods.map((m) => [m.id, m.words]));
  showPool();
  options($("measure-district"), view.city.districts.map((d) => [d.id, `${d.name} (${d.level_words})`]));
  options($("measure-level"), view.measures.levels.map((l) => [l.id, l.words]));
  showMeasureCost();
  $("zone-row").hidden = !view.measures.zones.length;
  options($("zone"), view.measures.zones.map((z) => [z.id, z.words]));
  options($("zone-level"), view.measures.zone_levels.map((l) => [l.id, l.words]));
  options($("statement-district"), [["", t("web-city-wide")]].concat(view.city.districts.map((d) => [d.id, d.name])));
  const ticked = new Set([...document.querySelectorAll("#share-with input:checked")].map((i) => i.value));
  fill("share-with", h("span", { class: "muted" }, t("web-share-with")), view.teams.map((o) => h("label", {},
    h("input", { type: "checkbox", value: o.id, checked: ticked.has(o.id) }), o.name)));
  // The red cell commands no units and orders no measures: its page is its console.
  if (view.red) for (const id of ["units", "facilities", "gatherings", "actions", "measures", "rounds"]) $(id + "-card").hidden = true;
  else $("units-card").hidden = false;
  const card = view.scorecard;
  fill("score", card ? [h("p", {}, h("strong", {}, card.percent || "—")),
    h("table", { class: "score" }, card.objectives.map((o) => h("tr", {},
      h("td", {}, o.title), h("td", {}, o.attainment || "—"), h("td", { title: o.meaning || "" }, o.rating || ""))))]
    : h("p", { class: "muted" }, t("web-nothing-yet")));
}

// The red cell's console: each tactic is aimed at what it needs (a district or the city, a
// facility, an agency) and played with what it says.
function renderRed() {
  const red = view.red;
  $("red-card").hidden = !red;
  if (!red) return;
  $("red-budget").textContent = red.budget;
  options($("red-place"), [["", t("web-city-wide")]].concat(view.city.districts.map((d) => [d.id, d.name])));
  options($("red-facility"), view.city.facilities.map((f) => [f.id, f.name]));
  options($("red-agency"), red.agencies.map((a) => [a.id, a.name]));
  const aim = (tactic) => {
    if (tactic.target === "facility") return $("red-facility").value;
    if (tactic.target === "agency") return $("red-agency").value;
    return $("red-place").value;
  };
  fill("red-tactics", red.tactics.map((tactic) => h("div", { class: "row" },
    h("button", { disabled: !tactic.available, title: tactic.description, onclick: () => {
      // Without a target the exercise's refusal says what the tactic needs.
      const target = aim(tactic);
      const text = $("red-text").value.trim();
      send({ RedMove: { team: team(), tactic: tactic.id, target: target || null, text } });
    } }, t("web-play")),
    h("span", {}, tactic.name), h("span", { class: "muted" }, tactic.cost),
    tactic.why_not ? h("span", { class: "muted" }, tactic.why_not) : null)));
  fill("red-played", red.played.length ? [red.summary ? h("p", {}, red.summary) : null].concat(red.played.map((p) => h("div", {},
    h("span", { class: "muted" }, `${p.time} ${p.name} → ${p.target}: `), h("span", { class: p.answered ? "" : "alert" }, p.answer))))
    : h("p", { class: "muted" }, t("web-nothing-yet")));
}

function dispatch() {
  const unit = view.units.find((u) => u.id === chosen.unit);
  if (!unit || !chosen.place) return;
  const order = { team: team(), unit: unit.id, to: chosen.place, work: $("work").value || null };
  send(unit.at_base ? { Dispatch: order } : { Redirect: order });
}

// Supply units carry stock to a facility instead of working on site.
function showCargo() {
  const unit = view && view.units.find((u) => u.id === chosen.unit);
  const carries = Boolean(unit && unit.carries_supplies);
  $("cargo").hidden = !carries;
  $("dispatch").hidden = carries;
}

function deliver() {
  const quantity = Math.max(0, Math.floor(Number($("quantity").value) || 0));
  if (!chosen.unit || !chosen.place || !$("supply").value) return;
  send({ Deliver: { team: team(), unit: chosen.unit, supply: $("supply").value, quantity, to: chosen.place } });
}

function recall() {
  const unit = view.units.find((u) => u.id === chosen.unit);
  if (unit && unit.recall) send(unit.recall);
}

function orderMeasure() {
  send({ OrderMeasure: { team: team(), district: $("measure-district").value, level: $("measure-level").value } });
}

function declareZone() {
  if ($("zone").value) send({ DeclareZone: { team: team(), zone: $("zone").value, level: $("zone-level").value } });
}

// Antigen self-tests are read one by one: no pool to choose.
function showPool() {
  const pcr = $("round-method").value !== "Antigen";
  $("round-pool").hidden = !pcr;
  $("round-pool-label").hidden = !pcr;
}

function startRound() {
  const district = $("round-district").value;
  const method = $("round-method").value || "Pcr";
  const round = { team: team(), districts: district ? [district] : [], method };
  if (method === "Pcr") round.pool = Number($("round-pool").value) || 1;
  send({ TestingRound: round });
}

function sharedWith() {
  return [...document.querySelectorAll("#share-with input:checked")].map((i) => i.value);
}

function share() {
  const text = $("message").value.trim();
  const teams = sharedWith();
  if (!text || !teams.length) return;
  send({ Share: { team: team(), with: teams, text } });
}

function requestAid() {
  const teams = sharedWith();
  if (!teams.length) return;
  for (const to of teams) send({ RequestAid: { team: team(), to, text: $("message").value.trim() } });
}

function statement() {
  const text = $("message").value.trim();
  if (!text) return;
  send({ Statement: { team: team(), district: $("statement-district").value || null, text, post: answering ? answering.number : null } });
  answering = null;
  showAnswering();
}

// The figures a report states: prefilled with the city's count until the team edits them.
const FIGURES = [["found", "figure-found"], ["deaths", "figure-deaths"], ["in_hospital", "figure-in-hospital"]];
let figuresEdited = false;

function showCounted() {
  if (figuresEdited || !view.counted) return;
  for (const [key] of FIGURES) {
    const input = $(`figure-${key}`);
    if (input && document.activeElement !== input) input.value = view.counted[key] ?? 0;
  }
}

function fileReport(owed) {
  const figures = Object.fromEntries(FIGURES.map(([key]) => [key, Math.max(0, Math.round(Number($(`figure-${key}`).value) || 0))]));
  const report = because(owed.command, $("report-text").value.trim());
  report.Report.figures = figures;
  send(report);
  figuresEdited = false;
}

function evaluatorName() { return localStorage.getItem("muster-evaluator") || ""; }

function renderEvaluator() {
  $("who").textContent = t("web-evaluator");
  options($("obs-objective"), [["", `— ${t("web-objective")} —`]].concat(view.objectives.map((o) => [o.id, o.title])));
  options($("obs-team"), [["", `— ${t("web-team")} —`]].concat(view.teams.map((o) => [o.id, o.name])));
  fill("objectives", view.objectives.map((o) => h("div", { class: "row rating" },
    h("span", { class: "objective" }, o.title),
    view.ratings.map((r) => h("button", {
      class: o.rating === r.id ? "" : "secondary", title: r.meaning,
      onclick: () => {
        send({ Rate: { objective: o.id, rating: r.id, team: $("obs-team").value || null, note: $("observation").value.trim(), evaluator: evaluatorName() } });
      },
    }, r.id)))));
  fill("observations", view.observations.length ? view.observations.map((o) => h("article", {}, h("time", {}, o.time), o.text))
    : h("p", { class: "muted" }, t("web-nothing-yet")));
}

function observe() {
  const text = $("observation").value.trim();
  if (!text) return;
  send({ Observe: { text, objective: $("obs-objective").value || null, team: $("obs-team").value || null, evaluator: evaluatorName() } });
  $("observation").value = "";
}

// The city: districts (coloured by their level), facilities, and the team's own units.
function drawMap() {
  const holder = $("map");
  if (!holder || !view || !view.city) return;
  const spots = view.city.districts.concat(view.city.facilities);
  if (!spots.length) return;
  const xs = spots.map((s) => s.x), ys = spots.map((s) => s.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Room on the right for the names written beside the circles.
  const width = 600, height = 360, pad = 30, labels = 80;
  const sx = (x) => pad + ((x - x0) / ((x1 - x0) || 1)) * (width - 2 * pad - labels);
  const sy = (y) => pad + ((y - y0) / ((y1 - y0) || 1)) * (height - 2 * pad);
  const ns = "http://www.w3.org/2000/svg";
  const s = (tag, attrs, text) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v); else el.setAttribute(k, v);
    }
    if (text) el.textContent = text;
    return el;
  };
  const svg = s("svg", { class: "map", viewBox: `0 0 ${width} ${height}`, role: "img" });
  for (const d of view.city.districts) {
    const pick = () => { chosen.place = d.id; if ($("place")) $("place").value = d.id; drawMap(); };
    const circle = s("circle", { class: `district ${d.level.toLowerCase()}${chosen.place === d.id ? " chosen" : ""}`, cx: sx(d.x), cy: sy(d.y), r: 16, onclick: pick });
    circle.append(s("title", {}, `${d.name} — ${d.level_words}`));
    svg.append(circle, s("text", { x: sx(d.x) + 18, y: sy(d.y) + 4 }, d.name));
  }
  for (const f of view.city.facilities) {
    svg.append(s("rect", { class: "facility", x: sx(f.x) - 4, y: sy(f.y) - 4, width: 8, height: 8 }));
  }
  for (const u of view.units || []) {
    const dot = s("circle", { class: "unit", cx: sx(u.x) + 6, cy: sy(u.y) - 6, r: chosen.unit === u.id ? 7 : 5 });
    dot.append(s("title", {}, `${u.id} — ${u.status}`));
    svg.append(dot);
  }
  holder.replaceChildren(svg);
}

$("join-form").addEventListener("submit", (e) => {
  e.preventDefault();
  code = $("code").value.trim();
  if (!code) return;
  $("join-error").textContent = "";
  if (socket) socket.close(); else connect();
});

// A join card's link carries the code; a reload keeps the one given last.
const fromLink = location.pathname.match(/^\/join\/([A-Za-z0-9-]+)/);
code = fromLink ? fromLink[1] : localStorage.getItem("muster-code");
if (code) connect();
