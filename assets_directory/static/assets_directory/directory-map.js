/* Progressive enhancement: draw the results (or one service) on a Leaflet map.
   The list on the page stays the way to read and reach every result; the map is hidden from
   screen readers because it repeats the list. Tiles load only if a tile URL is configured. */
(function () {
  "use strict";
  if (!window.L) { return; }

  // Leaflet gives tooltips' layers focus handlers and may make parts of the map focusable;
  // inside an aria-hidden map each would be an unnamed tab stop, so none may take focus.
  function keepOutOfTabOrder(element) {
    element.querySelectorAll("a, button, input, [tabindex], path, svg").forEach(function (el) {
      el.setAttribute("tabindex", "-1");
      if (el.tagName.toLowerCase() === "svg") { el.setAttribute("focusable", "false"); }
    });
  }

  function makeMap(element) {
    element.hidden = false;
    // The caption says in words what the map shows; it is hidden while there is no map.
    var caption = document.getElementById(element.id + "-caption");
    if (caption) { caption.hidden = false; }
    // Nothing inside may take focus (the map is aria-hidden): no keyboard handler, no
    // zoom buttons, no attribution links. The page prints the tile attribution as text.
    var map = L.map(element, {
      scrollWheelZoom: false, keyboard: false, zoomControl: false, attributionControl: false
    });
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { maxZoom: 18 }).addTo(map);
    }
    return map;
  }

  function marker(map, lat, lng, name, url) {
    var point = L.circleMarker([lat, lng], { radius: 8, color: "#1d70b8", fillOpacity: 0.8 });
    // Leaflet writes a string tooltip as HTML; a listing's name is text from a provider or
    // an imported feed, so it goes in as a text node and can never become markup.
    var label = document.createElement("span");
    label.textContent = name;
    point.bindTooltip(label).addTo(map);
    if (url) { point.on("click", function () { window.location.href = url; }); }
    return point;
  }

  var results = document.getElementById("results-map");
  if (results) {
    var items = document.querySelectorAll(".directory-result[data-lat]");
    if (!items.length) { return; }
    var map = makeMap(results);
    var points = [];
    items.forEach(function (item) {
      var lat = parseFloat(item.dataset.lat), lng = parseFloat(item.dataset.lng);
      marker(map, lat, lng, item.dataset.name, item.dataset.url);
      points.push([lat, lng]);
    });
    map.fitBounds(points, { padding: [20, 20], maxZoom: 14 });
    keepOutOfTabOrder(results);
  }

  var single = document.getElementById("service-map");
  if (single) {
    var lat = parseFloat(single.dataset.lat), lng = parseFloat(single.dataset.lng);
    var serviceMap = makeMap(single);
    serviceMap.setView([lat, lng], 14);
    marker(serviceMap, lat, lng, single.dataset.name, "");
    keepOutOfTabOrder(single);
  }
})();
