/* A commune's forecast charts: recorded values, the projection to the target year and the target line.
   Data comes from the #forecast-data JSON block; the same numbers are in the table above the charts. */
(function () {
  "use strict";
  const source = document.getElementById("forecast-data");
  if (!source || typeof Chart === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  Chart.defaults.animation = false;
  document.querySelectorAll("canvas[data-forecast-chart]").forEach(function (canvas) {
    const series = data.series[Number(canvas.dataset.forecastChart)];
    if (!series) { return; }
    const datasets = [
      { label: data.labels.recorded, data: series.values, borderColor: "#198754", backgroundColor: "#198754" },
      { label: data.labels.projection, data: series.projection, borderColor: "#fd7e14", borderDash: [6, 4],
        spanGaps: true, backgroundColor: "#fd7e14" },
    ];
    if (series.target !== null) {
      datasets.push({ label: data.labels.target, data: series.years.map(function () { return series.target; }),
                      borderColor: "#dc3545", pointRadius: 0, borderWidth: 1 });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels: series.years, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        plugins: { title: { display: true, text: series.code + " " + series.text } },
        scales: { x: { title: { display: true, text: data.labels.year } } },
      },
    });
  });
})();
