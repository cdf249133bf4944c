// Old addresses of the 2010 site that have no page of their own here (a cable not in the
// collection, a later page of an old list: #PGOV_1.html, #2007-12_2.html) are redirected to an
// overview or list with the old file name as the fragment; this forwards the reader to the
// page that replaced it, only where this page links to it, so never to a page that does not
// exist (a release date the collection does not carry, a month it has no cable of). A month
// is reached through its year. Without JavaScript the reader stays on the overview or list.
(function () {
  var hash = decodeURIComponent(location.hash.slice(1));
  if (!/\.html$/.test(hash)) return;
  var name = hash.replace(/\.html$/, "");
  var row = document.getElementById(hash);
  var link = row && (row.tagName === "A" ? row : row.querySelector("a[href]"));
  if (link) {
    location.replace(link.getAttribute("href"));
    return;
  }
  function linked(address) {
    for (var i = 0; i < document.links.length; i++) {
      if (document.links[i].getAttribute("href") === address) return true;
    }
    return false;
  }
  var path = location.pathname;
  var date = /^(\d{4})-(\d{2})(?:-(\d{2}))?_\d+$/.exec(name);
  var target = null;
  var year = null;
  if (path === "/tag/") {
    target = "/tag/" + name.replace(/_\d+$/, "") + "/";
  } else if (date && path === "/released/") {
    target = "/released/" + date[1] + "-" + date[2] + "-" + (date[3] || "01") + "/";
  } else if (date) {
    target = "/cable/" + date[1] + "/" + date[2] + "/";
    year = "/cable/" + date[1] + "/";
  }
  if (target && linked(target)) {
    location.replace(target);
  } else if (year && path !== year && linked(year)) {
    location.replace(year + location.hash);
  }
})();
