// Progressive enhancement of the import page: while the job runs, ask the gateway for its progress every second and
// move the bar; when it ends, reload the page, which shows the report. Without this script the page's "Actualiser"
// link does the same by hand.
(function () {
  var bar = document.getElementById("progression-import");
  if (!bar || !bar.dataset.etat) return;
  var text = document.getElementById("progression-texte");
  function poll() {
    fetch(bar.dataset.etat, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) return;
        bar.max = Math.max(job.totalRows, 1);
        bar.value = job.processedRows;
        if (text) text.textContent = job.processedRows + " ligne(s) traitée(s) sur " + job.totalRows;
        if (job.state !== "RUNNING") { window.location.reload(); return; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
