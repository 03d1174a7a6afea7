// The console's only script of its own: the editor's height follows its lines (so the line numbers
// beside it stay aligned), and the decisions chart is drawn from the data the page carries.
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("text");
  if (text) {
    const gutter = document.querySelector(".gutter");
    const fit = () => {
      const count = text.value.split("\n").length;
      text.rows = count + 2;
      while (gutter && gutter.children.length < count) {
        const n = document.createElement("span");
        n.textContent = gutter.children.length + 1;
        gutter.append(n, "\n");
      }
    };
    text.addEventListener("input", fit);
    fit();
  }
  const canvas = document.getElementById("decisions-chart");
  if (canvas && window.Chart) {
    const data = JSON.parse(canvas.dataset.chart);
    window.decisionsChart = new Chart(canvas, {
      type: "bar",
      data: data,
      options: { responsive: true, maintainAspectRatio: false, animation: false,
                 scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
});
