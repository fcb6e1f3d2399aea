// Read before the page is drawn: the display mode from the URL (or from data attributes already on
// <html>). ?embed=1 gives the compact page without the State header and footer, for an iframe;
// ?theme=neutre removes the State's brand (Marianne, République française) for other hosts, and
// is the default of the embed mode (?theme=etat keeps it, for State sites).
(function () {
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);
  var embed = params.get("embed");
  if (embed === "1" || embed === "true" || root.hasAttribute("data-embed")) root.setAttribute("data-embed", "");
  var theme = params.get("theme") || root.getAttribute("data-theme") || (root.hasAttribute("data-embed") ? "neutre" : "etat");
  root.setAttribute("data-theme", theme === "neutre" ? "neutre" : "etat");
})();
