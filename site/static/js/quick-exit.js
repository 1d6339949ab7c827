/* Quick exit: leave HelpHub at once, by the link at the top of every page or by pressing Shift three times.
   Without JavaScript the link still works; with it, we also forget what HelpHub kept in this browser tab, open the
   neutral site in a new tab (it has no history: Back there leads nowhere, and it is the tab in front) and replace
   this tab's current entry with it, so Back does not return to the page just left. Earlier HelpHub pages stay in this
   tab's history: no page can remove them, which is why "Cover your tracks" explains private browsing. */
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
    try { window.open(link.href, "_blank", "noopener"); } catch (e) { /* a blocked pop-up: the tab still leaves */ }
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
