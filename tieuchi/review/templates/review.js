// tieuchi review: actions post JSON with the CSRF header, then the page reloads with the re-audited record.
(function () {
  "use strict";
  function meta(n) { var e = document.querySelector('meta[name="' + n + '"]'); return e ? e.content : ""; }
  var csrf = meta("csrf"), token = meta("token");
  var msg = document.getElementById("msg");

  function fail(text) { msg.textContent = text; msg.style.display = "block"; setTimeout(function () { msg.style.display = "none"; }, 8000); }

  function post(action, body) {
    return fetch("/api/" + action + "?token=" + encodeURIComponent(token), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {error: r.status + " " + r.statusText}; }).then(function (data) {
        if (!r.ok) { fail(data.error || ("lỗi " + r.status)); return null; }
        return data;
      });
    }, function () { fail("không kết nối được với tieuchi review (đã dừng?)"); return null; });
  }

  function act(btn) {
    var body = JSON.parse(btn.getAttribute("data-body"));
    var cid = btn.getAttribute("data-comment");
    if (cid) { var inp = document.getElementById(cid); if (inp && inp.value) body.comment = inp.value; }
    btn.disabled = true;
    post(btn.getAttribute("data-action"), body).then(function (res) { if (res) location.reload(); else btn.disabled = false; });
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest("[data-action]");
    if (b) { e.preventDefault(); act(b); }
  });

  var form = document.getElementById("correct");
  function submitCorrection(values) {
    var comment = document.getElementById("correct-comment");
    var body = {doc: +form.getAttribute("data-doc"), index: +form.getAttribute("data-index"), values: values};
    if (comment && comment.value) body.comment = comment.value;
    post("correct", body).then(function (res) { if (res) location.reload(); });
  }
  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var values = {}, n = 0;
      form.querySelectorAll("[data-orig]").forEach(function (el) {
        if (el.value !== el.getAttribute("data-orig")) { values[el.name] = el.value === "" ? null : el.value; n++; }
      });
      if (!n) { fail("chưa sửa trường nào"); return; }
      submitCorrection(values);
    });
    var swap = form.querySelector("[data-swap]");
    if (swap) swap.addEventListener("click", function () {
      var num = form.querySelector('[name="numerator"]'), den = form.querySelector('[name="denominator"]');
      submitCorrection({numerator: den.getAttribute("data-orig"), denominator: num.getAttribute("data-orig")});
    });
  }

  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });

  function go(id) { var a = document.getElementById(id); if (a) location.href = a.href; }
  function press(key) {
    var b = document.querySelector('#detail [data-key="' + key + '"]:not([disabled])');
    if (b) act(b);
  }
  var help = document.getElementById("help");
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (e.key === "Escape") { if (typing) t.blur(); help.style.display = "none"; return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case "j": case "ArrowDown": e.preventDefault(); go("next"); break;
      case "k": case "ArrowUp": e.preventDefault(); go("prev"); break;
      case "c": case "x": case "v": case "s": press(e.key); break;
      case "e": e.preventDefault(); var f = form && form.querySelector("input"); if (f) f.focus(); break;
      case "/": e.preventDefault(); document.getElementById("f-check").focus(); break;
      case "?": help.style.display = help.style.display === "block" ? "none" : "block"; break;
    }
  });
  var cur = document.querySelector("#queue li.cur");
  if (cur && cur.scrollIntoView) cur.scrollIntoView({block: "nearest"});
})();
