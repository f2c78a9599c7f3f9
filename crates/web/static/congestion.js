// Waiting at the counters, kept current: every 30 seconds the page reads itself again and
// puts each counter's figures and the "as of" line in place of the old ones. WCAG 2.2.2
// (Pause, Stop, Hide): a checkbox, shown only with JavaScript, stops and restarts it. The
// figures are no live region, so a screen reader is never interrupted; they are read when
// reached. Without JavaScript the page's "see the latest" link reads it afresh.
(function () {
  "use strict";
  var board = document.getElementById("congestion-board");
  var control = document.getElementById("congestion-auto-control");
  var toggle = document.getElementById("congestion-auto");
  if (!board || !control || !toggle || !window.fetch || !window.DOMParser) { return; }
  var EVERY = 30 * 1000;
  var timer = null;
  control.hidden = false;
  function refresh() {
    fetch(window.location.pathname, {
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (!html || !toggle.checked) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("congestion-board");
      if (fresh) { board.innerHTML = fresh.innerHTML; }
    }).catch(function () {
      // Offline for a moment: the figures stay as they were and the next turn tries again.
    });
  }
  function schedule() {
    clearInterval(timer);
    timer = toggle.checked ? setInterval(refresh, EVERY) : null;
  }
  toggle.addEventListener("change", schedule);
  // The page's own control for tests and displays: read now, as the timer would.
  window.madoguchiCongestion = { refresh: refresh };
  schedule();
})();
