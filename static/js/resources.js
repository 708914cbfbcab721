/* "Production and resources" charts. Data comes from the #resources-chart-data JSON block; the same numbers are
   in the tables beside the charts. */
(function () {
  "use strict";
  const source = document.getElementById("resources-chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  Chart.defaults.animation = false;
  const shareCanvas = document.getElementById("production-share-chart");
  if (shareCanvas) {
    const datasets = [{ type: "bar", label: data.share.label, data: data.share.values, backgroundColor: "#198754" }];
    if (data.share.target !== null) {
      datasets.push({
        type: "line", label: data.share.target_label, data: data.share.labels.map(function () { return data.share.target; }),
        borderColor: "#dc3545", borderDash: [6, 4], pointRadius: 0, fill: false,
      });
    }
    new Chart(shareCanvas, {
      data: { labels: data.share.labels, datasets: datasets },
      options: { maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } },
    });
  }
  const capitalCanvas = document.getElementById("capital-chart");
  if (capitalCanvas) {
    const colours = ["#0d6efd", "#6610f2", "#20c997", "#adb5bd", "#fd7e14", "#198754", "#6c757d"];
    new Chart(capitalCanvas, {
      type: "bar",
      data: {
        labels: data.capital.years,
        datasets: data.capital.series.map(function (series, index) {
          return { label: series.label, data: series.values, backgroundColor: colours[index % colours.length] };
        }),
      },
      options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
  }
})();
