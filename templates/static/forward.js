// Old addresses of the 2010 site are redirected here with the old file name as the fragment
// (#07ULAANBAATAR693.html, #PGOV_0.html, #2007-12_0.html); this forwards the reader to the page
// that replaced it. Without JavaScript the reader still lands on the right list.
(function () {
  var hash = decodeURIComponent(location.hash.slice(1));
  if (!/\.html$/.test(hash)) return;
  var name = hash.replace(/\.html$/, "");
  var target = null;
  var row = document.getElementById(hash);
  var link = row && (row.tagName === "A" ? row : row.querySelector("a[href]"));
  if (link) {
    target = link.getAttribute("href");
  } else if (/^\/tag\/$/.test(location.pathname)) {
    target = "/tag/" + encodeURIComponent(name.replace(/_\d+$/, "")) + "/";
  } else {
    var date = /^(\d{4})-(\d{2})(?:-(\d{2}))?_\d+$/.exec(name);
    if (date && location.pathname === "/released/") {
      target = "/released/" + date[1] + "-" + date[2] + "-" + (date[3] || "01") + "/";
    } else if (date) {
      target = "/cable/" + date[1] + "/" + date[2] + "/";
    }
  }
  if (target) location.replace(target);
})();
