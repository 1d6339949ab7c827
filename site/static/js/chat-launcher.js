/* Chat launcher: without JavaScript the launcher is a link to the help finder. With it, the first click loads
   chat.js (only then) and opens the chat panel. Nothing is loaded or kept until the visitor asks for the chat. */
(function () {
  "use strict";
  var launcher = document.querySelector("[data-chat-launcher]");
  if (!launcher || !window.fetch || !window.AbortController || !window.crypto) return;
  if (!("content" in document.createElement("template"))) return; // old browsers keep the plain link
  var loading = false;
  var gone = false;

  launcher.setAttribute("role", "button");
  launcher.setAttribute("aria-haspopup", "dialog");
  launcher.setAttribute("aria-expanded", "false");
  launcher.addEventListener("keydown", function (event) {
    if (event.key === " ") { event.preventDefault(); launcher.click(); }
  });
  document.addEventListener("helphub:quick-exit", function () { gone = true; });

  launcher.addEventListener("click", function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button) return;
    event.preventDefault();
    if (window.HelpHubChat) { window.HelpHubChat.open(); return; }
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = launcher.getAttribute("data-chat-src");
    script.onload = function () { if (!gone && window.HelpHubChat) window.HelpHubChat.open(); };
    script.onerror = function () { if (!gone) window.location.href = launcher.href; };
    document.head.appendChild(script);
  });
})();
