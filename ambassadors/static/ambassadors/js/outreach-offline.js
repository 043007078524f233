/* Outreach logged with no signal (see ambassadors/offline.py).

   On every portal page: registers the portal's service worker, and sends the logs kept on
   this phone when the page opens online and whenever the phone comes back online.
   On the log form: a log that cannot be sent (no signal, or the connection drops) is kept on
   the phone with a reference made here, so sending it again never logs it twice. The form
   lists what is waiting, and a log the server finds a problem with stays, marked "needs
   attention", with a link to correct it, or it can be deleted. Without JavaScript the form
   posts as usual. */
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !window.fetch || !window.localStorage) { return; }
  const config = script.dataset;
  const STORE = "ambassadors-outreach-queue";
  const CSRF_COOKIE = "csrftoken"; // Django's CSRF_COOKIE_NAME

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.workerUrl, { scope: config.scope }).catch(function () {
      // No service worker (a private window, say): the form still works while online.
    });
  }

  // The queue: every log kept on this phone, for whichever ambassador signed in. Only the
  // signed-in ambassador's own logs are shown or sent.
  function everything() {
    try { return JSON.parse(localStorage.getItem(STORE)) || []; } catch (unreadable) { return []; }
  }
  function mine() {
    return everything().filter(function (item) { return item.owner === config.owner; });
  }
  function keep(item) {
    const others = everything().filter(function (one) { return one.reference !== item.reference; });
    others.push(item);
    localStorage.setItem(STORE, JSON.stringify(others));
  }
  function forget(reference) {
    const rest = everything().filter(function (one) { return one.reference !== reference; });
    localStorage.setItem(STORE, JSON.stringify(rest));
  }

  function newReference() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function csrfToken() {
    const found = document.cookie.split("; ").find(function (c) { return c.indexOf(CSRF_COOKIE + "=") === 0; });
    return found ? decodeURIComponent(found.slice(CSRF_COOKIE.length + 1)) : "";
  }

  // One log to the server. The outcome: "sent" (logged now or before), "offline" (try again
  // later), "signed-out" (sign in, then it goes), or "attention" with the server's problems.
  function send(item, announce) {
    return fetch(config.sendUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({
        client_reference: item.reference,
        owner: item.owner,
        fields: item.fields,
        announce: announce,
      }),
    }).then(function (response) {
      if (response.type === "opaqueredirect") { return { outcome: "signed-out" }; }
      if (response.ok) { return { outcome: "sent" }; }
      if (response.status >= 500) { return { outcome: "offline" }; }
      return response.json().then(function (body) {
        const problems = [];
        Object.keys(body.errors || {}).forEach(function (name) {
          problems.push.apply(problems, body.errors[name]);
        });
        return { outcome: "attention", problems: problems };
      }, function () {
        return { outcome: "attention", problems: ["It could not be sent. Open this page again while online."] };
      });
    }, function () {
      return { outcome: "offline" };
    });
  }

  let sending = null;
  function sendWaiting() {
    if (sending || !navigator.onLine) { return sending; }
    const items = mine();
    if (!items.length) { return null; }
    let sent = 0;
    let signedOut = false;
    sending = items.reduce(function (previous, item) {
      return previous.then(function () {
        return send(item, false).then(function (result) {
          if (result.outcome === "sent") {
            forget(item.reference);
            sent += 1;
          } else if (result.outcome === "attention") {
            item.state = "attention";
            item.problems = result.problems;
            keep(item);
          } else if (result.outcome === "signed-out") {
            signedOut = true;
          }
        });
      });
    }, Promise.resolve()).then(function () {
      sending = null;
      if (signedOut) {
        say("Sign in again to send the activities saved on this phone.");
      } else if (sent) {
        say(sent === 1 ? "Sent: 1 activity saved on this phone." : "Sent: " + sent + " activities saved on this phone.");
      }
      show();
    });
    return sending;
  }

  // The form page: its status line and the list of what is waiting.
  const panel = document.querySelector("[data-outreach-queue]");
  const form = document.querySelector("form[data-outreach-form]");

  function say(text) {
    const status = panel && panel.querySelector("[data-queue-status]");
    if (!status) { return; }
    status.textContent = "";
    if (text) {
      const line = document.createElement("p");
      line.className = "govuk-inset-text govuk-!-font-weight-bold govuk-!-margin-top-0";
      line.textContent = text;
      status.appendChild(line);
    }
  }

  function show() {
    if (!panel) { return; }
    const items = mine();
    const waiting = items.filter(function (item) { return item.state !== "attention"; }).length;
    const attention = items.length - waiting;
    const heading = [];
    if (waiting) { heading.push("Waiting to send: " + waiting); }
    if (attention) { heading.push("Needs attention: " + attention); }
    panel.querySelector("[data-queue-waiting]").textContent = heading.join(". ");
    const list = panel.querySelector("[data-queue-items]");
    list.textContent = "";
    items.forEach(function (item) {
      const entry = document.createElement("li");
      entry.appendChild(document.createTextNode(item.summary + ". "));
      if (item.state === "attention") {
        const problem = document.createElement("strong");
        problem.textContent = "Needs attention: " + (item.problems || []).join(" ") + " ";
        const fix = document.createElement("a");
        fix.className = "govuk-link";
        fix.href = config.formUrl + "?fix=" + encodeURIComponent(item.reference);
        fix.textContent = "Correct it and send it again";
        const what = document.createElement("span");
        what.className = "govuk-visually-hidden";
        what.textContent = " (" + item.summary + ")";
        fix.appendChild(what);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0";
        remove.textContent = "Delete it from this phone";
        remove.appendChild(what.cloneNode(true));
        remove.addEventListener("click", function () {
          forget(item.reference);
          say("Deleted from this phone: " + item.summary + ".");
          show();
        });
        const actions = document.createElement("div");
        actions.appendChild(remove);
        entry.append(problem, fix, actions);
      } else {
        entry.appendChild(document.createTextNode("Saved on this phone."));
      }
      list.appendChild(entry);
    });
    panel.querySelector("[data-queue-list]").hidden = items.length === 0;
  }

  function fields() {
    const data = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === "csrfmiddlewaretoken" || element.disabled) { return; }
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) { return; }
      if (element.type === "submit" || element.type === "button") { return; }
      const values = element.type === "select-multiple"
        ? Array.from(element.selectedOptions, function (option) { return option.value; })
        : [element.value];
      data[element.name] = (data[element.name] || []).concat(values);
    });
    return data;
  }

  function summary() {
    const chosen = function (name) {
      const select = form.elements[name];
      const option = select && select.selectedOptions && select.selectedOptions[0];
      return option && option.value ? option.textContent : "";
    };
    const when = form.elements.date ? form.elements.date.value : "";
    return [chosen("activity_type") || "Outreach", chosen("area"), when].filter(Boolean).join(", ");
  }

  function fillFrom(item) {
    Object.keys(item.fields).forEach(function (name) {
      const values = item.fields[name];
      const found = form.elements[name];
      if (!found) { return; }
      const elements = found instanceof RadioNodeList ? Array.from(found) : [found];
      elements.forEach(function (element) {
        if (element.type === "checkbox" || element.type === "radio") {
          element.checked = values.indexOf(element.value) !== -1;
        } else if (element.type === "select-multiple") {
          Array.from(element.options).forEach(function (option) { option.selected = values.indexOf(option.value) !== -1; });
        } else {
          element.value = values[0];
        }
      });
    });
  }

  function keptOnPhone(item) {
    keep(item);
    form.reset();
    form.elements.client_reference.value = newReference();
    say("Saved on this phone: it will be sent when you are back online.");
    show();
    panel.querySelector("[data-queue-status]").focus();
  }

  if (form && panel) {
    const reference = form.elements.client_reference;
    const fixing = new URLSearchParams(window.location.search).get("fix");
    const toFix = fixing && mine().find(function (item) { return item.reference === fixing; });
    if (toFix) {
      fillFrom(toFix);
      reference.value = toFix.reference;
      say("Correct this activity saved on this phone, then save it: " + (toFix.problems || []).join(" "));
    } else if (!reference.value) {
      reference.value = newReference();
    }
    if (!navigator.onLine) { say("You are offline. Activities you log now are saved on this phone."); }

    form.addEventListener("submit", function (event) {
      if (form.dataset.sendAsPage) { return; }
      event.preventDefault();
      const item = {
        reference: reference.value,
        owner: config.owner,
        fields: fields(),
        summary: summary(),
        saved: new Date().toISOString(),
        state: "waiting",
      };
      if (!navigator.onLine) { keptOnPhone(item); return; }
      send(item, true).then(function (result) {
        if (result.outcome === "sent") {
          forget(item.reference);
          window.location.assign(config.scope);
        } else if (result.outcome === "attention") {
          // Online, so the page itself shows what to correct, the usual way.
          form.dataset.sendAsPage = "true";
          form.submit();
        } else {
          keptOnPhone(item);
          if (result.outcome === "signed-out") {
            say("Saved on this phone: sign in again to send it.");
          }
        }
      });
    });
  }

  show();
  window.addEventListener("online", function () {
    say("");
    sendWaiting();
  });
  window.addEventListener("offline", function () {
    say("You are offline. Activities you log now are saved on this phone.");
  });
  sendWaiting();
}());
