// The page for `handouts serve`: plain JavaScript, no build step, nothing fetched from elsewhere.
// It only fills in the request and shows what the server's engine says about it: every check,
// default, dose limit and word on the sheet comes from the server, never from here.
// The programme lives in this tab's sessionStorage: it survives a reload and a server restart,
// and two tabs hold two programmes.
"use strict";

const STORE = "handouts.programme";
const DOSE_LABELS = {
  sets: "Sets", reps: "Reps", hold_seconds: "Hold (seconds)", rest_seconds: "Rest (seconds)",
  times_per_day: "Times a day", days_per_week: "Days a week", minutes: "Minutes", side: "Side",
};
const $ = (id) => document.getElementById(id);

let catalogue = null;
let checked = null;       // the server's last answer for this request
let checkTimer = null;
let checking = null;      // the request in flight, to wait for before a download
let shownKey = null;      // the preview shown now

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function fresh(keep) {
  return {
    sheet: null, exercises: [], doses: {}, patient: keep ? keep.patient : "", date: keep ? keep.date : today(),
    clinician: keep ? keep.clinician : "", clinic: keep ? keep.clinic : "", note: "", log_weeks: "",
    page_size: "", print_style: "normal",
    card: "none", precautions: [], condition: "", step: "start", started: false,
  };
}

let state = (() => {
  try {
    const kept = JSON.parse(sessionStorage.getItem(STORE));
    if (kept && Array.isArray(kept.exercises)) return Object.assign(fresh(), kept);
  } catch (e) { /* a damaged store: start again */ }
  return fresh();
})();

function keep() { sessionStorage.setItem(STORE, JSON.stringify(state)); }

function request() {
  const r = {};
  for (const k of ["sheet", "exercises", "doses", "patient", "date", "clinician", "clinic", "note", "log_weeks",
                   "page_size", "print_style", "card", "precautions", "condition"]) r[k] = state[k];
  return r;
}

function say(text) {
  const status = $("status");
  status.textContent = "";
  window.setTimeout(() => { status.textContent = text; }, 30);
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  };
  let answer;
  try {
    answer = await fetch(path, options);
  } catch (e) {
    say("The handouts server is not running. Start it again with `handouts serve`; your programme is kept.");
    throw e;
  }
  const data = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    say(data.error || `The server answered ${answer.status}. Your programme is kept.`);
    throw new Error(data.error || String(answer.status));
  }
  return data;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "on") for (const [event, f] of Object.entries(v)) node.addEventListener(event, f);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function exercise(id) { return catalogue.exercises.find((e) => e.id === id); }
function picture(id, size) {
  const e = exercise(id);
  return e && e.picture ? el("img", {src: `/api/picture/${id}.svg`, alt: "", class: `picture ${size || ""}`}) : null;
}
function hidden(text) { return el("span", {class: "vh", text}); }

// --- steps -------------------------------------------------------------------------------------

function showStep(step, focus) {
  state.step = step;
  keep();
  for (const section of document.querySelectorAll(".step")) section.hidden = section.id !== `step-${step}`;
  for (const button of document.querySelectorAll("nav [data-step]")) {
    if (button.dataset.step === step) button.setAttribute("aria-current", "step");
    else button.removeAttribute("aria-current");
  }
  if (step === "programme") renderChosen();
  if (step === "find") runSearch();
  if (step === "print") scheduleCheck(0);
  if (focus !== false) $(`h-${step}`).focus();
}

// --- 1. Start ------------------------------------------------------------------------------------

function renderSheets() {
  const list = $("sheet-list");
  list.replaceChildren();
  for (const condition of catalogue.conditions) {
    const group = el("section", {class: "condition", "aria-label": condition.name}, el("h3", {text: condition.name}));
    const cards = el("ul", {class: "cards sheet-cards"});
    for (const sheet of condition.sheets) {
      const pictures = el("div", {class: "thumbs"});
      for (const id of sheet.exercises) { const p = picture(id, "thumb"); if (p) pictures.append(p); }
      cards.append(el("li", {class: "card"},
        el("h4", {text: sheet.title}),
        el("p", {class: "hint", text: `${sheet.exercises.length} exercises: ` +
          sheet.exercises.map((id) => exercise(id).name).join(", ")}),
        pictures,
        el("button", {type: "button", class: "primary", on: {click: () => startFrom(sheet)}},
           "Start with ", el("span", {class: "title", text: sheet.title}))));
    }
    group.append(cards);
    list.append(group);
  }
}

function startFrom(sheet) {
  state = Object.assign(fresh(state), {sheet: sheet.id, exercises: sheet.exercises.slice(), started: true});
  keep();
  fillDetails();
  say(`Started from the standard sheet: ${sheet.title}.`);
  showStep("programme");
  scheduleCheck(0);
}

function startFromRequest(asked, from) {
  state = Object.assign(fresh(state), asked, {started: true});
  if (!state.date) state.date = today();
  keep();
  fillDetails();
  say(`Opened ${from}.`);
  showStep("programme");
  scheduleCheck(0);
}

let savedTimer = null;
async function loadSaved() {
  const data = await api(`/api/programmes?${new URLSearchParams({clinic: state.clinic || ""})}`);
  const list = $("saved-list");
  const words = $("saved-search").value.trim().toLowerCase();
  list.replaceChildren();
  const shown = data.programmes.filter((p) => !words ||
    (p.patient || "").toLowerCase().includes(words) || p.name.toLowerCase().includes(words));
  if (!data.programmes.length) list.append(el("li", {class: "hint", text: "No saved programmes yet."}));
  else if (!shown.length) list.append(el("li", {class: "hint", text: "No saved programme matches."}));
  for (const p of shown) {
    if (p.request) {
      list.append(el("li", {}, el("button", {type: "button", on: {click: () => startFromRequest(p.request, p.name)}},
        `Open ${p.patient || p.name}`, el("span", {class: "hint", text: ` (${p.name}${p.saved ? `, saved ${p.saved}` : ""})`}))));
    } else {
      list.append(el("li", {class: "error", text: `${p.name}: cannot be read: ${p.problem}`}));
    }
  }
}

async function openFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  const error = $("open-error");
  error.hidden = true;
  const data = await api("/api/open", {text: await file.text(), name: file.name});
  if (data.problems) {
    error.textContent = data.problems.join("\n");
    error.hidden = false;
    return;
  }
  startFromRequest(data.request, file.name);
}

// --- 2. Find ----------------------------------------------------------------------------------------

function fillFilters() {
  const options = (select, pairs) => {
    select.replaceChildren(el("option", {value: "", text: "Any"}));
    for (const [value, text] of pairs) select.append(el("option", {value, text}));
  };
  options($("filter-condition"), catalogue.conditions.map((c) => [c.id, c.name]));
  const positions = [...new Set(catalogue.exercises.map((e) => e.position))].sort();
  options($("filter-position"), positions.map((p) => [p, p]));
  const equipment = [...new Set(catalogue.exercises.flatMap((e) => e.equipment))].sort();
  options($("filter-equipment"), equipment.map((p) => [p, p]));
  options($("filter-level"), catalogue.conditions.flatMap((c) => c.sheets.map((s) => [s.id, s.title])));
}

let searchTimer = null;
async function runSearch() {
  window.clearTimeout(searchTimer);
  const query = new URLSearchParams({
    words: $("search").value, condition: $("filter-condition").value, position: $("filter-position").value,
    equipment: $("filter-equipment").value, level: $("filter-level").value,
  });
  const data = await api(`/api/search?${query}`);
  const results = $("results");
  results.replaceChildren();
  $("found-count").textContent = `${data.ids.length} exercise${data.ids.length === 1 ? "" : "s"} found`;
  for (const id of data.ids) {
    const e = exercise(id);
    const added = state.exercises.includes(id);
    results.append(el("li", {class: "card"},
      picture(id), el("h3", {text: e.name}), el("p", {text: e.summary}),
      el("p", {class: "hint", text: `${e.kind}, ${e.position}; ${e.equipment.join(", ")}`}),
      added ? el("p", {class: "tag", text: "In the programme"}) : null,
      el("button", {type: "button", disabled: added, "data-add": id, on: {click: () => addExercise(id)}},
        `Add ${e.name}`)));
  }
}

function addExercise(id) {
  if (state.exercises.includes(id)) return;
  state.exercises.push(id);
  state.started = true;
  keep();
  say(`Added ${exercise(id).name}. ${state.exercises.length} in the programme.`);
  const button = document.querySelector(`[data-add="${id}"]`);
  if (button) {
    button.disabled = true;
    button.before(el("p", {class: "tag", text: "In the programme"}));
    const next = button.closest("li").nextElementSibling;
    const onward = next && next.querySelector("button:not([disabled])");
    if (onward) {
      onward.focus();
    } else {  // back to the search, its words selected: the next exercise's name simply replaces them
      $("search").focus();
      $("search").select();
    }
  }
  updateBadge();
  scheduleCheck();
}

// --- 3. Programme ------------------------------------------------------------------------------------

function updateBadge() {
  $("count-badge").textContent = state.exercises.length ? `(${state.exercises.length})` : "";
}

function plannedDose(id) {
  const planned = checked && checked.exercises.find((p) => p.id === id);
  return planned ? planned.dose : (exercise(id) ? exercise(id).dose : {});
}

function renderChosen() {
  const list = $("chosen");
  list.replaceChildren();
  const sheet = state.sheet && catalogue.conditions.flatMap((c) => c.sheets).find((s) => s.id === state.sheet);
  $("programme-from").textContent = sheet
    ? `From the standard sheet "${sheet.title}". Its own exercises keep the sheet's order; exercises you add come after them.`
    : (state.exercises.length ? "Your own choice of exercises, in this order." : "No exercises yet: find some in step 2.");
  state.exercises.forEach((id) => {
    const e = exercise(id);
    if (!e) return;
    const dose = plannedDose(id);
    const fields = el("div", {class: "dose"});
    for (const [name, label] of Object.entries(DOSE_LABELS)) {
      const inputId = `dose-${id}-${name}`;
      const typed = (state.doses[id] || {})[name];
      const value = typed !== undefined ? typed : (dose[name] !== undefined ? String(dose[name]) : "");
      let input;
      if (name === "side") {
        input = el("select", {id: inputId, "data-dose": `${id} ${name}`, "aria-describedby": `${inputId}-error ${inputId}-changed`},
          el("option", {value: "", text: "—"}), ...catalogue.sides.map((s) => el("option", {value: s, text: s})));
        input.value = value;
      } else {
        const limit = catalogue.dose_fields[name];
        input = el("input", {id: inputId, "data-dose": `${id} ${name}`, inputmode: "numeric", autocomplete: "off", size: 4, value,
                             "aria-describedby": `${inputId}-error ${inputId}-changed ${inputId}-range`});
        input.title = `${limit.low} to ${limit.high}`;
        // A click or Tab into a dose selects it, so typing the new number replaces the old one.
        // Selected at once (a key typed straight after the click must replace it), and the click's own
        // mouseup must not undo the selection.
        let clicked = false;
        input.addEventListener("focus", () => { input.select(); clicked = true; });
        input.addEventListener("mouseup", (event) => { if (clicked) event.preventDefault(); clicked = false; });
        input.addEventListener("keydown", () => { clicked = false; });
      }
      input.addEventListener(name === "side" ? "change" : "input", () => {
        state.doses[id] = Object.assign({}, state.doses[id], {[name]: input.value});
        keep();
        showChanged(input);
        doseToSay = input.id;  // said in the status line once the server has checked it
        scheduleCheck(DOSE_PAUSE);
      });
      fields.append(el("div", {class: "field dose-field"}, el("label", {for: inputId, text: label}), input,
        name === "side" ? null : el("span", {class: "vh", id: `${inputId}-range`,
          text: `${catalogue.dose_fields[name].low} to ${catalogue.dose_fields[name].high}`}),
        el("p", {class: "changed", id: `${inputId}-changed`, hidden: true}),
        el("p", {class: "error", id: `${inputId}-error`, hidden: true})));
    }
    const move = (step) => el("button", {type: "button", "data-move": `${id}:${step}`, disabled: true,
                                        on: {click: () => moveExercise(id, step)}},
      "Move", hidden(` ${e.name}`), step < 0 ? " up" : " down");
    list.append(el("li", {class: "chosen-item", "data-id": id},
      picture(id, "small"),
      el("div", {class: "chosen-body"},
        el("h3", {text: e.name}),
        el("fieldset", {class: "dose-set"}, el("legend", {text: `Dose for ${e.name}`}), fields),
        el("ul", {class: "problems", "data-problems": id}),
        el("div", {class: "row-buttons"}, move(-1), move(+1),
          el("button", {type: "button", "data-remove": id, on: {click: () => removeExercise(id)}},
             "Remove", hidden(` ${e.name}`))))));
  });
  updateBadge();
  for (const input of list.querySelectorAll("[data-dose]")) showChanged(input);
  if (checked) applyCheck(checked, false);
}

// A dose the clinician changed says so beside its field, in words ("Changed from 8"), and once checked,
// in the status line: a clinician testing the page saw no sign that the reps she typed were not the usual.
let doseToSay = null;  // the field whose change the status line says after the next check
function usualDose(id) {
  const planned = checked && checked.exercises.find((p) => p.id === id);
  return planned && planned.usual ? planned.usual : (exercise(id) ? exercise(id).dose : {});
}

function doseChange(input) {
  const [id, name] = input.dataset.dose.split(" ");
  const typed = (state.doses[id] || {})[name];
  const usual = usualDose(id)[name] === undefined ? "" : String(usualDose(id)[name]);
  if (typed === undefined || typed.trim() === "" || typed.trim() === usual) return null;
  return {id, name, typed: typed.trim(), usual: usual || "none"};
}

function showChanged(input) {
  const note = $(`${input.id}-changed`);
  const change = doseChange(input);
  if (!note) return;
  note.textContent = change ? `Changed from ${change.usual}` : "";
  note.hidden = !change;
}

function moveExercise(id, step) {
  const at = state.exercises.indexOf(id);
  const to = at + step;
  if (at < 0 || to < 0 || to >= state.exercises.length) return;
  [state.exercises[at], state.exercises[to]] = [state.exercises[to], state.exercises[at]];
  keep();
  renderChosen();
  say(`Moved ${exercise(id).name} ${step < 0 ? "up" : "down"}, to number ${to + 1}.`);
  keepInSight(id, document.querySelector(`[data-move="${id}:${step}"]`));
  scheduleCheck(0).then(() => {
    const button = document.querySelector(`[data-move="${id}:${step}"]`);
    if (button && button.disabled) keepInSight(id, document.querySelector(`[data-move="${id}:${-step}"]`));
  });
}

// The moved card is scrolled into sight below the header, with its button focused: a clinician testing the
// page saw the card and the focused button slide under the header after "Move up".
function keepInSight(id, button) {
  if (button) button.focus({preventScroll: true});
  document.querySelector(`.chosen-item[data-id="${id}"]`)?.scrollIntoView({block: "nearest"});
  if (button) button.scrollIntoView({block: "nearest"});  // a card taller than the screen: its buttons win
}

// --header: the sticky header's height, for scroll-padding-top (app.css); 0 where it does not stick.
function measureHeader() {
  const top = document.querySelector("header.top");
  const sticky = getComputedStyle(top).position === "sticky";
  document.documentElement.style.setProperty("--header", `${sticky ? top.offsetHeight : 0}px`);
}

function removeExercise(id) {
  const at = state.exercises.indexOf(id);
  state.exercises = state.exercises.filter((x) => x !== id);
  delete state.doses[id];
  keep();
  renderChosen();
  say(`Removed ${exercise(id).name}. ${state.exercises.length} in the programme.`);
  const next = document.querySelectorAll("[data-remove]")[Math.min(at, state.exercises.length - 1)];
  (next || $("h-programme")).focus();
  scheduleCheck();
}

function fillDetails() {
  for (const id of ["patient", "date", "clinician", "clinic", "note", "log_weeks", "page_size", "card", "condition"]) {
    $(id).value = state[id] || (id === "card" ? "none" : "");
  }
  $("large_print").checked = state.print_style === "large";
  for (const box of document.querySelectorAll("#precautions input")) box.checked = state.precautions.includes(box.value);
  $("save-name").value = state.saveName || "";
  updateBadge();
}

function wireDetails() {
  for (const id of ["patient", "date", "clinician", "clinic", "note", "log_weeks", "page_size", "card", "condition"]) {
    $(id).addEventListener($(id).tagName === "SELECT" ? "change" : "input", () => {
      state[id] = $(id).value;
      keep();
      scheduleCheck();
    });
  }
  $("large_print").addEventListener("change", () => {
    state.print_style = $("large_print").checked ? "large" : "normal";
    keep();
    scheduleCheck();
  });
  $("save-name").addEventListener("input", () => { state.saveName = $("save-name").value; keep(); });
  const sizes = $("page_size");
  sizes.replaceChildren(el("option", {value: "", id: "page-size-clinic"}),
    ...catalogue.page_sizes.map((s) => el("option", {value: s, text: s === "a4" ? "A4" : "Letter"})));
  $("condition").replaceChildren(el("option", {value: "", id: "advice-default"}),
    ...catalogue.conditions.map((c) => el("option", {value: c.id, text: c.name})));
  $("clinic").placeholder = catalogue.clinic.file || "none: plain branding";
  $("clinic").addEventListener("input", () => { window.clearTimeout(savedTimer); savedTimer = window.setTimeout(() => loadSaved().catch(() => null), 300); });
  showClinic(catalogue.clinic);
  showAdvice(null);
  const boxes = $("precautions");
  for (const p of catalogue.precautions) {
    const box = el("input", {type: "checkbox", id: `precaution-${p.id}`, value: p.id});
    box.addEventListener("change", () => {
      state.precautions = [...document.querySelectorAll("#precautions input:checked")].map((b) => b.value);
      keep();
      scheduleCheck();
    });
    boxes.append(el("div", {class: "check"}, box, el("label", {for: box.id, text: p.title})));
  }
}

// What is printed for the clinic, and where it is set: the page never sets a clinic's details itself
// (they live in the clinic file, as for `build --clinic`), but shows them and names the file.
function showClinic(about) {
  $("clinic-about").textContent = about.file
    ? `Printed on the sheet: ${about.name}, phone ${about.phone || "(none: a line to write it on)"}, emergency ` +
      `number ${about.emergency_number}. They come from ${about.file}: edit that file to change them, or name ` +
      "another clinic file here."
    : "No clinic file: the sheet has no clinic name, a line to write your phone number on, and emergency " +
      `number ${about.emergency_number}. To print your clinic's name and phone number, name your clinic file here ` +
      "(the command line's handouts init clinic makes one).";
  $("page-size-clinic").textContent = `The clinic's (${about.page_size === "a4" ? "A4" : "Letter"})`;
  $("saved-folder").textContent = `In ${about.programmes}`;
}

// The advice printed on page 1 is the sheet's condition, or the one its exercises share, unless one is chosen.
function showAdvice(advice) {
  let text = "As the sheet or its exercises say";
  if (advice && advice.from !== "chosen") {
    text = `${advice.name} (from the ${advice.from})`;
  } else {  // not checked yet, or another chosen: a standard sheet's own is known here
    const condition = state.sheet && catalogue.conditions.find((c) => c.sheets.some((s) => s.id === state.sheet));
    if (condition) text = `${condition.name} (from the sheet)`;
  }
  $("advice-default").textContent = text;
}

// --- checking: the server plans and checks; the page shows what it says, where it belongs --------------

let pending = 0;  // checks asked for and not yet answered: body[data-busy] while any (tests wait on it)
function busy(change) {
  pending += change;
  if (pending > 0) document.body.dataset.busy = "true";
  else delete document.body.dataset.busy;
}

// How long the page waits for more typing before it asks for a check (ms). A dose is a digit or two, so its
// pause is short: the preview follows the clinician's typing; a name or a note is longer typing.
const TYPING_PAUSE = 150;
const DOSE_PAUSE = 60;

function scheduleCheck(delay) {
  if (checkTimer !== null) { window.clearTimeout(checkTimer); busy(-1); }
  busy(+1);
  return new Promise((resolve) => {
    checkTimer = window.setTimeout(() => {
      checkTimer = null;
      checking = runCheck().catch(() => null).finally(() => { busy(-1); resolve(); });
    }, delay === undefined ? TYPING_PAUSE : delay);
  });
}

// The header says what was made and when; once the programme changes after that, it says so instead,
// so an old "Downloaded …" never reads as if it were this version (a clinician testing the page was misled).
let lastMade = null;  // {request, words, again} for the last download, print or save
function made(words, again, next) {
  const time = new Date().toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
  lastMade = {request: JSON.stringify(request()), words: `${words} at ${time}`, again};
  const text = lastMade.words[0].toUpperCase() + lastMade.words.slice(1);
  say(`${text}${next ? `; ${next}` : "."}`);
}

function sayIfChangedSinceMade() {
  if (lastMade && lastMade.request !== JSON.stringify(request())) {
    say(`The programme changed after you ${lastMade.words}. ${lastMade.again}`);
    lastMade = null;
    doseToSay = null;  // this line matters more than a changed dose, which its field's note still shows
  }
}

async function runCheck() {
  if (!state.exercises.length && !state.started) return null;
  const sent = JSON.stringify(request());
  sayIfChangedSinceMade();
  const data = await api("/api/check", {request: request(), render: state.step === "print"});
  if (sent !== JSON.stringify(request())) return data;  // changed meanwhile: the next check shows it
  checked = data;
  if (data.exercises.length) {
    const planned = data.exercises.map((p) => p.id);
    const sameSet = planned.length === state.exercises.length && planned.every((id) => state.exercises.includes(id));
    if (sameSet && planned.join() !== state.exercises.join()) {
      state.exercises = planned;  // the order the sheet will print
      keep();
      if (state.step === "programme") renderChosen();
    }
  }
  applyCheck(data, true);
  return data;
}

function showError(id, message) {
  const box = $(`${id}-error`);
  const field = $(id);
  if (!box) return false;
  box.textContent = message || "";
  box.hidden = !message;
  if (field) { if (message) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid"); }
  return true;
}

function applyCheck(data, fromServer) {
  if (data.key !== undefined) renderPreview(data);  // first: its pages are asked for while the rest is drawn
  const errors = data.field_errors || {};
  for (const box of document.querySelectorAll(".error[id$='-error']")) {
    const id = box.id.slice(0, -"-error".length);
    if (["open", "save"].includes(id)) continue;
    const key = id.startsWith("dose-") ? null : id;
    if (key && !(key in errors)) showError(key, "");
  }
  for (const input of document.querySelectorAll("#chosen [data-dose]")) {
    const [id, name] = input.dataset.dose.split(" ");
    const message = errors[`doses.${id}.${name}`];
    showError(input.id, message);
    const planned = data.exercises.find((p) => p.id === id);
    if (planned && document.activeElement !== input && !message && ((state.doses[id] || {})[name] === undefined)) {
      input.value = planned.dose[name] !== undefined ? String(planned.dose[name]) : "";
    }
    showChanged(input);
    if (fromServer && input.id === doseToSay) {
      doseToSay = null;
      const change = doseChange(input);
      if (change && !message) {
        const label = DOSE_LABELS[name].toLowerCase();
        say(`${exercise(id).name}: ${label} ${change.typed} (usual ${change.usual}).`);
      }
    }
  }
  const general = [];
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith("doses.")) continue;
    if (!showError(key, message)) general.push({severity: "error", message});
  }
  for (const problem of data.problems) if (!problem.exercise) general.push(problem);
  // Move buttons: only where the request can say the new order.
  for (const p of data.exercises) {
    const up = document.querySelector(`[data-move="${p.id}:-1"]`);
    const down = document.querySelector(`[data-move="${p.id}:1"]`);
    if (up) up.disabled = !p.up;
    if (down) down.disabled = !p.down;
  }
  for (const list of document.querySelectorAll("[data-problems]")) {
    list.replaceChildren(...data.problems.filter((p) => p.exercise === list.dataset.problems).map(problemItem));
  }
  renderChecked(data, general);
  if (data.clinic) {
    showClinic(data.clinic);
    showAdvice(data.clinic.advice || null);
  }
  $("command").value = data.command || "";
}

function problemItem(problem) {
  return el("li", {class: `problem ${problem.severity}`, title: problem.line},
    el("strong", {text: problem.severity === "error" ? "Error: " : "Warning: "}), problem.message);
}

function renderChecked(data, general) {
  const box = $("general-problems");
  box.replaceChildren();
  if (general.length) box.append(el("ul", {class: "problems"}, ...general.map(problemItem)));
  const list = $("checked");
  list.replaceChildren();
  for (const p of data.exercises) {
    const mine = data.problems.filter((x) => x.exercise === p.id);
    list.append(el("li", {}, picture(p.id, "thumb"), el("span", {class: "name", text: p.name}),
      el("span", {class: "dose-words", text: ` ${p.dose_words}`}),
      mine.length ? el("ul", {class: "problems"}, ...mine.map(problemItem))
                  : el("p", {class: "ok", text: "No problems found."})));
  }
}

function previewWidth() {
  // The pixels each page image is shown across (its CSS width times the screen's density): the server
  // draws the pages at that size, never larger.
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const shown = Math.min($("preview").clientWidth || 38 * rem, 38 * rem);
  return Math.round(shown * (window.devicePixelRatio || 1));
}

// A new preview never blanks the old one: each page shown stays until its new image has loaded, then the
// new one takes its place (pages are swapped one by one, as each comes). A clinician saw the preview flash
// empty at every dose change. A page not loaded yet (below the fold, lazy) is replaced at once.
// previewTurn counts previews: the images of a preview that a newer one overtook are never shown.
let previewTurn = 0;
function renderPreview(data) {
  if (!data.key || data.key === shownKey) return;
  shownKey = data.key;
  const turn = ++previewTurn;
  const box = $("preview");
  $("page-count").textContent = `(${data.pages} page${data.pages === 1 ? "" : "s"})`;
  const width = previewWidth();
  const old = [...box.querySelectorAll("img.page")];
  for (const extra of old.slice(data.pages)) extra.remove();
  let waiting = 0;
  const settle = () => { if (turn === previewTurn && --waiting === 0) box.removeAttribute("aria-busy"); };
  for (let n = 1; n <= data.pages; n++) {
    const image = el("img", {src: `/api/page/${data.key}/${n}.jpg?width=${width}`, alt: `Page ${n} of ${data.pages} of the sheet`,
                             class: "page", loading: n > 2 ? "lazy" : null});
    const before = old[n - 1];
    if (!before) { box.append(image); continue; }
    const shown = before.complete && before.naturalWidth > 0;
    if (!shown) { before.replaceWith(image); continue; }
    image.loading = "eager";  // it is waited for off the page, where lazy would never load
    before.classList.add("old");  // dimmed if its new page is slow to come (app.css)
    waiting += 1;
    const swap = () => {
      if (turn === previewTurn) before.replaceWith(image);  // else a newer preview has this place
      settle();
    };
    image.addEventListener("load", () => image.decode().catch(() => null).then(swap), {once: true});
    image.addEventListener("error", swap, {once: true});  // shown as it is: an old page must not pass for new
  }
  if (waiting) box.setAttribute("aria-busy", "true");
  else box.removeAttribute("aria-busy");
}

async function ready() {
  if (checkTimer !== null) { window.clearTimeout(checkTimer); checkTimer = null; busy(-1); }
  if (checking) await checking.catch(() => null);
  const data = await runCheck();
  if (!data || !data.printable || !data.key) {
    say("Fix the problems shown first; nothing was made.");
    const bad = document.querySelector("[aria-invalid='true']");
    if (bad) {
      const step = bad.closest(".step").id.replace("step-", "");
      if (state.step !== step) showStep(step, false);  // draws the step again: find the field anew
      $(bad.id).focus();
    }
    return null;
  }
  return data;
}

async function download() {
  const data = await ready();
  if (!data) return;
  const link = el("a", {href: `/api/file/${data.key}/${encodeURIComponent(data.file_name)}?download=1`,
                        download: data.file_name});
  document.body.append(link);
  link.click();
  link.remove();
  made(`downloaded ${data.file_name}`, "Download it again for this version.");
}

async function openForPrinting() {
  const data = await ready();
  if (!data) return;
  window.open(`/api/file/${data.key}/${encodeURIComponent(data.file_name)}`, "_blank");
  made("opened the sheet in a new tab", "Open it again to print this version.", "print it from there.");
}

async function save() {
  const name = $("save-name").value.trim() || state.patient.trim();
  showError("save-name", "");
  $("save-error").hidden = true;
  const data = await api("/api/save", {request: request(), name});
  if (data.saved) {
    $("save-name").value = data.name;
    state.saveName = data.name;
    keep();
    made(`saved the programme as ${data.name}`, "Save it again to keep this version.");
  } else {
    const message = data.save_error || "Fix the problems shown first; nothing was saved.";
    $("save-error").textContent = message;
    $("save-error").hidden = false;
    $("save-name").setAttribute("aria-invalid", "true");
    if (data.field_errors) applyCheck(data, true);
  }
}

async function copyCommand() {
  const text = $("command").value;
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    $("command").select();
    document.execCommand("copy");
  }
  say("Copied the command.");
}

// --- start-up ------------------------------------------------------------------------------------------

const START_WAIT = 15000;  // ms: the catalogue comes in well under a second; this long means it is not coming
const START_AGAIN = 3000;  // ms between tries

// The catalogue, which the page needs before anything else. It never waits silently: a failure or a long
// wait is said in one line, with a button to load the page again (the programme is kept in this tab), and
// it is asked for again until it comes, unless the server refused this tab (then only its printed address helps,
// and the server's line says so).
async function loadCatalogue() {
  let said = null;
  for (;;) {
    const stop = new AbortController();
    const timer = window.setTimeout(() => stop.abort(), START_WAIT);
    let problem, again = true;
    try {
      const answer = await fetch("/api/catalogue", {signal: stop.signal});
      const data = await answer.json().catch(() => null);
      if (answer.ok && data) {
        $("reload").hidden = true;
        if ($("status").dataset.startProblem) { delete $("status").dataset.startProblem; say(""); }
        return data;
      }
      problem = (data && data.error) || `The handouts server answered ${answer.status}.`;
      again = answer.status !== 403;
    } catch (e) {
      problem = stop.signal.aborted ? "The handouts server is taking too long to answer."
        : "The handouts server is not running; start it again with `handouts serve`.";
    } finally {
      window.clearTimeout(timer);
    }
    const line = again ? `${problem} Trying again; your programme is kept.` : problem;
    if (line !== said) {  // said once, not at every try
      $("status").dataset.startProblem = "true";
      say(line);
      said = line;
    }
    $("reload").hidden = !again;
    if (!again) return new Promise(() => {});  // the page waits for the printed address to be opened
    await new Promise((resolve) => window.setTimeout(resolve, START_AGAIN));
  }
}

async function main() {
  measureHeader();
  new ResizeObserver(measureHeader).observe(document.querySelector("header.top"));
  window.addEventListener("resize", measureHeader);  // crossing 48rem makes the header stick or not
  for (const button of document.querySelectorAll("[data-step]")) {
    button.addEventListener("click", () => showStep(button.dataset.step));
  }
  $("reload").addEventListener("click", () => window.location.reload());
  catalogue = await loadCatalogue();
  renderSheets();
  fillFilters();
  wireDetails();
  fillDetails();
  $("start-empty").addEventListener("click", () => {
    state = Object.assign(fresh(state), {started: true});
    keep();
    fillDetails();
    say("Started an empty programme. Find exercises to add.");
    showStep("find");
  });
  $("saved-search").addEventListener("input", () => loadSaved());
  $("open-file").addEventListener("change", openFile);
  $("search").addEventListener("input", () => { window.clearTimeout(searchTimer); searchTimer = window.setTimeout(runSearch, 120); });
  for (const id of ["filter-condition", "filter-position", "filter-equipment", "filter-level"]) {
    $(id).addEventListener("change", runSearch);
  }
  $("download").addEventListener("click", download);
  $("print").addEventListener("click", openForPrinting);
  $("save").addEventListener("click", save);
  $("copy-command").addEventListener("click", copyCommand);
  loadSaved().catch(() => null);
  showStep(state.step || "start", false);
  if (state.exercises.length || state.started) scheduleCheck(0);
  document.body.dataset.ready = "true";
}

main();
