/* Dashboard charts. Data comes from the #chart-data JSON block; the same numbers are in the tables. */
(function () {
  "use strict";
  const source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  Chart.defaults.animation = false;
  const criteriaCanvas = document.getElementById("criteria-chart");
  if (criteriaCanvas) {
    new Chart(criteriaCanvas, {
      type: "bar",
      data: {
        labels: data.criteria.labels,
        datasets: [{ label: data.labels.share, data: data.criteria.shares, backgroundColor: "#198754" }],
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false,
        scales: { x: { min: 0, max: 100, title: { display: true, text: data.labels.share_axis } } },
        plugins: { legend: { display: false } },
      },
    });
  }
  const trendCanvas = document.getElementById("trend-chart");
  if (trendCanvas) {
    new Chart(trendCanvas, {
      type: "bar",
      data: {
        labels: data.trend.years,
        datasets: [
          { type: "bar", label: data.labels.recognised, data: data.trend.recognised, backgroundColor: "#198754", yAxisID: "y" },
          { type: "line", label: data.labels.average, data: data.trend.average, borderColor: "#fd7e14", yAxisID: "y1" },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: data.labels.year_axis } },
          y: { beginAtZero: true, position: "left", title: { display: true, text: data.labels.communes_axis } },
          y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false },
                title: { display: true, text: data.labels.criteria_axis } },
        },
      },
    });
  }
})();
