/* Quick exit: leave HelpHub at once, by the link at the top of every page or by pressing Shift three times.
   Without JavaScript the link still works; with it, we also forget what HelpHub kept in this browser tab and
   replace the current history entry, so Back does not return here. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;

  function exit(event) {
    if (event) event.preventDefault();
    document.dispatchEvent(new CustomEvent("helphub:quick-exit"));
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
    try { window.localStorage.clear(); } catch (e) { /* storage may be disabled */ }
    document.title = "";
    document.body.hidden = true;
    window.location.replace(link.href);
  }

  link.addEventListener("click", exit);

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      if (event.key !== "Shift") presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) exit();
  });
})();
