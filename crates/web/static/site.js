// Small progressive enhancements; every task also works without this file.
document.addEventListener("click", function (event) {
  var print = event.target.closest && event.target.closest("[data-print]");
  if (print) {
    event.preventDefault();
    window.print();
  }
});
