// A printed cable says when it was printed, beside its address (which the page prints without
// JavaScript too): the date is today's, written when the page loads and again before printing.
(function () {
  var stamp = document.getElementById("printed-on");
  if (!stamp) return;
  function write() {
    var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    stamp.textContent = " on " + today;
  }
  write();
  window.addEventListener("beforeprint", write);
})();
