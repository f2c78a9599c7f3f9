// The sign-in timeout warning (WCAG 2.2.1 Timing Adjustable): five minutes before a
// resident's sign-in ends for inactivity, a message with a "stay signed in" button appears
// and takes focus; pressing it extends the sign-in without leaving the page. When time runs
// out the message says so: answers are saved with each step, so nothing typed is lost.
// Without JavaScript the message never shows and the form posts as usual.
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box || !window.fetch) { return; }
  var form = box.querySelector("form");
  var text = box.querySelector(".session-timeout-text");
  var until = Date.parse(box.getAttribute("data-until"));
  var WARN_BEFORE = 5 * 60 * 1000;
  var warnTimer = null;
  var endTimer = null;
  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, Math.max(until - Date.now() - WARN_BEFORE, 0));
    endTimer = setTimeout(ended, Math.max(until - Date.now(), 0));
  }
  function warn() {
    box.hidden = false;
    var button = form.querySelector("button");
    if (button) { button.focus(); }
  }
  function ended() {
    say("data-expired");
  }
  // The message replaces the form; focus moves to the message so it is not lost.
  function say(which) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    text.textContent = text.getAttribute(which);
    form.hidden = true;
    box.hidden = false;
    text.setAttribute("tabindex", "-1");
    text.focus();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer && answer.until && Date.parse(answer.until) - Date.now() > WARN_BEFORE) {
        until = Date.parse(answer.until);
        box.hidden = true;
        schedule();
      } else if (answer && answer.until) {
        // At the 12-hour limit: it cannot be extended; say so once.
        until = Date.parse(answer.until);
        say("data-capped");
        endTimer = setTimeout(ended, Math.max(until - Date.now(), 0));
      } else {
        ended();
      }
    }).catch(function () { form.submit(); });
  });
  schedule();
}());
