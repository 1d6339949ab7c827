/* HelpHub chat panel, loaded by chat-launcher.js only when the visitor opens the chat.
   The panel's markup and every label come from <template id="chat-template"> (translated on the server).
   The conversation lives only in this page: no storage, no cookies; the session id is random per page load and is
   dropped on quick exit. Server text is always inserted as text, never as HTML. */
(function () {
  "use strict";
  if (window.HelpHubChat) return;
  var launcher = document.querySelector("[data-chat-launcher]");
  var template = document.getElementById("chat-template");
  if (!launcher || !template) return;

  var TIMEOUT_MS = 12000;
  var UNSENDABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g;
  var label = template.dataset; // you, assistant, typing, error, helpFinder, call
  var endpoint = launcher.getAttribute("data-chat-endpoint");
  var lang = launcher.getAttribute("data-lang") || document.documentElement.lang;
  var country = (launcher.getAttribute("data-country") || "").trim();
  var helpUrl = launcher.getAttribute("href");
  var session = newSession();
  var panel = null, log, status, input;
  var controller = null;
  var greeted = false;
  var emergency = null; // the page country's emergency number, once looked up

  /* The emergency number of the page's country, for answers that do not carry it (nginx's own 429, a site that did
     not answer): from the site's country list, which the proxy keeps cached (and serves stale when the site is down). */
  function withEmergency(done) {
    if (emergency || !country) { done(emergency); return; }
    var url = endpoint.replace(/chat\/?$/, "countries/") + "?lang=" + encodeURIComponent(lang);
    window.fetch(url, { credentials: "omit", referrerPolicy: "no-referrer", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        var found = (data && Array.isArray(data.countries) ? data.countries : []).filter(function (item) {
          return item && item.code === country.toUpperCase();
        })[0];
        if (found && found.emergency_number && safeUrl(found.emergency_uri)) {
          emergency = { number: found.emergency_number, uri: found.emergency_uri };
        }
        done(emergency);
      })
      .catch(function () { done(null); });
  }

  function callLink(number) {
    return { title: label.call.replace("{number}", number.number), url: number.uri };
  }

  function newSession() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  /* Only tel:, sms:, https: and paths on this site; anything else (javascript:, //host, data:...) is dropped. */
  function safeUrl(url) {
    if (typeof url !== "string") return "";
    url = url.trim();
    if (/[\u0000-\u001f\u007f\\]/.test(url)) return "";
    if (/^(tel|sms):/i.test(url) || /^https:\/\/[^\/\s]/i.test(url) || /^\/(?!\/)/.test(url)) return url;
    return "";
  }

  function build() {
    panel = template.content.firstElementChild.cloneNode(true);
    log = panel.querySelector("[data-chat-log]");
    status = panel.querySelector("[data-chat-status]");
    input = panel.querySelector("[data-chat-input]");
    panel.hidden = true;
    panel.querySelector("[data-chat-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var message = input.value.replace(UNSENDABLE, "").trim();
      input.focus();
      if (!message || controller) return; // while waiting for a reply, the text stays in the box
      input.value = "";
      send(message, message);
    });
    panel.querySelector("[data-chat-close]").addEventListener("click", close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") { event.preventDefault(); close(); }
    });
    document.body.appendChild(panel);
  }

  /* Text with its phone numbers kept left to right in a right-to-left page ("116 111" would read "111 116"), and each run
     of words written the other way from the page in its own <bdi>: Latin, Greek or Cyrillic inside Arabic, Arabic or
     Hebrew inside a left-to-right page, with the spaces and in-word punctuation between the words ("e.V.") and a
     bracketed part written the same way ("Take It Down (NCMEC)"), never a bracket of the sentence around it. The same
     runs as the site's `isolate` filter (pages/templatetags/helphub_tags.py; tests/pages/test_chat_isolates_as_the_site.py
     keeps them equal). */
  var NUMBER = "\\+?\\d[\\d \\u00a0\\-\\u2013]*\\d";
  var BETWEEN = " .,'\\u2019&/:\\-\\u2013";
  function wordsOf(letters) {
    var word = "[" + letters + "][" + letters + "0-9]*";
    var bracketed = "\\([" + letters + "0-9][" + letters + "0-9" + BETWEEN + "]*\\)";
    return word + "(?:[" + BETWEEN + "]+(?:" + word + "|" + bracketed + "))*\\.?";
  }
  var RTL_PAGE = (document.documentElement.dir || "").toLowerCase() === "rtl";
  var OTHER_WAY = RTL_PAGE ? "A-Za-z\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u052f\\u1e00-\\u1fff"
    : "\\u0590-\\u05ff\\u0600-\\u06ff\\u0750-\\u077f\\u08a0-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufefc";
  // Numbers only in right-to-left pages ("(?!)" never matches), as the filter does.
  var ISOLATE = new RegExp("(" + (RTL_PAGE ? NUMBER : "(?!)") + ")|(" + wordsOf(OTHER_WAY) + ")", "g");
  function appendText(parent, text) {
    var line = String(text), start = 0, found;
    ISOLATE.lastIndex = 0;
    while ((found = ISOLATE.exec(line)) !== null) {
      if (found.index > start) parent.appendChild(document.createTextNode(line.slice(start, found.index)));
      var run = element("bdi");
      run.dir = found[1] || RTL_PAGE ? "ltr" : "rtl";
      run.textContent = found[0];
      parent.appendChild(run);
      start = ISOLATE.lastIndex;
    }
    if (start < line.length) parent.appendChild(document.createTextNode(line.slice(start)));
  }

  function addMessage(who, text, buttons, links) {
    var item = element("div", "chat__message chat__message--" + who);
    var paragraph = element("p", "chat__text");
    var prefix = element("span", "visually-hidden");
    prefix.textContent = (who === "user" ? label.you : label.assistant) + " ";
    paragraph.appendChild(prefix);
    String(text || "").split("\n").forEach(function (line, index) {
      if (index) paragraph.appendChild(document.createElement("br"));
      appendText(paragraph, line);
    });
    item.appendChild(paragraph);

    if (Array.isArray(buttons) && buttons.length) {
      var group = element("div", "chat__choices");
      buttons.forEach(function (choice) {
        if (!choice || !choice.title || !choice.payload) return;
        var button = element("button", "chat__choice");
        button.type = "button";
        button.textContent = String(choice.title);
        button.addEventListener("click", function () { choose(group, String(choice.payload), String(choice.title)); });
        group.appendChild(button);
      });
      if (group.firstChild) item.appendChild(group);
    }
    if (Array.isArray(links) && links.length) {
      var list = element("ul", "chat__links");
      links.forEach(function (link) {
        var href = link && link.title && safeUrl(link.url);
        if (!href) return;
        var entry = element("li");
        var anchor = element("a");
        anchor.href = href;
        appendText(anchor, link.title);
        if (/^https:/i.test(href)) anchor.rel = "noreferrer";
        entry.appendChild(anchor);
        list.appendChild(entry);
      });
      if (list.firstChild) item.appendChild(list);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  // A long answer must not open at its bottom ("anything else?") on a phone: bring its first message to the top of
  // the conversation, so the first channel is what the visitor sees. Screen readers still hear it (aria-live).
  function showStartOf(item) {
    if (!item) return;
    log.scrollTop += item.getBoundingClientRect().top - log.getBoundingClientRect().top;
  }

  function disableChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".chat__choice"), function (button) { button.disabled = true; });
    if (document.activeElement && document.activeElement.disabled) input.focus();
  }

  function choose(group, payload, title) {
    if (controller || !session) return;
    Array.prototype.forEach.call(group.querySelectorAll("button"), function (button) { button.disabled = true; });
    input.focus();
    send(payload, title);
  }

  function showReply(data) {
    var shown = {};
    var first = null;
    disableChoices();
    data.messages.forEach(function (message) {
      if (!message || typeof message !== "object") return;
      if (Array.isArray(message.links)) message.links.forEach(function (link) { if (link) shown[link.url] = true; });
      var item = addMessage("bot", message.text, message.buttons, message.links);
      first = first || item;
    });
    if (data.fallback) { // the help finder and the emergency number, unless the messages already link to them
      var links = [];
      var known = data.emergency && data.emergency.uri && data.emergency.number;
      if (known) links.push(callLink(data.emergency));
      links.push({ title: label.helpFinder, url: safeUrl(data.help_finder) || helpUrl });
      links = links.filter(function (link) { return !shown[link.url]; });
      if (links.length) first = first || addMessage("bot", "", [], links);
      // The proxy's own 429 (too many messages) carries no number: the page's country's is looked up.
      if (!known) withEmergency(function (number) { if (number && !shown[number.uri]) addMessage("bot", "", [], [callLink(number)]); });
    }
    showStartOf(first);
  }

  function showError() {
    addMessage("bot", label.error, [], [{ title: label.helpFinder, url: helpUrl }]).classList.add("chat__message--error");
    withEmergency(function (number) { if (number) addMessage("bot", "", [], [callLink(number)]); });
  }

  /* Sends one message; `shown` is what the visitor sees as their own message ("" for the silent greeting). */
  function send(message, shown) {
    if (!session) return;
    if (shown) addMessage("user", shown);
    status.textContent = label.typing;
    var mine = controller = new AbortController();
    var timer = window.setTimeout(function () { mine.abort(); }, TIMEOUT_MS);
    var body = { message: message, session: session, lang: lang };
    if (country) body.country = country;
    window.fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: mine.signal
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (mine !== controller) return; // quick exit, or the panel is gone
        if ((response.ok || response.status === 429) && data && Array.isArray(data.messages)) showReply(data);
        else showError();
      });
    }).catch(function () {
      if (mine === controller) showError();
    }).then(function () {
      window.clearTimeout(timer);
      if (mine === controller) { controller = null; status.textContent = ""; }
    });
  }

  function open() {
    if (!session) return;
    if (!panel) build();
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    if (!greeted) { greeted = true; send("/greet", ""); }
  }

  function close() {
    if (!panel) return;
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  document.addEventListener("helphub:quick-exit", function () {
    var pending = controller;
    controller = null;
    session = null;
    if (pending) pending.abort();
    if (panel && panel.parentNode) panel.parentNode.removeChild(panel);
    panel = log = status = input = null;
  });

  window.HelpHubChat = { open: open };
})();
