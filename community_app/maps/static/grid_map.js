/* Grid map: draws grid-cell polygons coloured by open requests, their labels, and the
 * buildings as clustered markers; reports clicks and readiness to the host application
 * through a QWebChannel object when there is one (there is none in a plain browser).
 *
 * Data comes from a <script type="application/json"> island written by
 * community_app/maps/builder.py; JSON.parse of one string is faster than evaluating a
 * 20,000-element literal, and the island is easy to check from tests.
 */
(function () {
  'use strict';

  var STYLE = {
    cell: { color: '#5b6b7f', weight: 1.2, opacity: 0.95, fillOpacity: 0.7 },
    hover: { color: '#1f4e8c', weight: 2.5, opacity: 1 },
    selected: { color: '#0b3d91', weight: 3.5, opacity: 1 }
  };
  // a label is shown in full when its cell is as wide as the label and this tall on screen,
  // as the code only when one line fits, else not at all
  var LABEL_FULL_HEIGHT = 44;  // two lines
  var LABEL_CODE_HEIGHT = 22;  // one line
  var CHAR_PX = { latin: 7.2, cjk: 13.5 };

  var host = null;
  var queued = [];

  function send(method, args) {
    if (host && typeof host[method] === 'function') {
      host[method].apply(host, args);
    } else {
      queued.push([method, args]);
    }
  }

  function connectHost(objectName) {
    if (typeof QWebChannel === 'undefined' || typeof qt === 'undefined' || !qt.webChannelTransport) {
      return;
    }
    new QWebChannel(qt.webChannelTransport, function (channel) {
      host = channel.objects[objectName] || null;
      if (host) {
        queued.splice(0).forEach(function (call) { send(call[0], call[1]); });
      }
    });
  }

  function esc(text) {
    return String(text === null || text === undefined ? '' : text)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function textWidth(text) {
    var px = 0;
    for (var i = 0; i < text.length; i++) {
      px += text.charCodeAt(i) > 0x2e7f ? CHAR_PX.cjk : CHAR_PX.latin;
    }
    return px;
  }

  function row(label, value) {
    return '<div class="tip-row"><span class="tip-key">' + esc(label) + '</span>' + value + '</div>';
  }

  var GridMap = {
    map: null,
    cells: {},          // cell id -> polygon layer
    labels: {},         // cell id -> label marker
    polygonCount: 0,
    buildingCount: 0,
    markersAdded: 0,
    ready: false,
    selectedId: null,
    texts: {},
    timings: {},        // milliseconds since navigation, for benchmarks and support

    start: function (map, dataId, options) {
      this.timings.start = performance.now();
      var data = JSON.parse(document.getElementById(dataId).textContent);
      this.timings.parsed = performance.now();
      this.map = map;
      this.texts = data.texts;
      if (options.bridge) {
        connectHost(options.bridge);
      }
      if (options.bounds) {
        map.fitBounds(options.bounds, { padding: [24, 24], animate: false });
      }
      map.createPane('cellLabels').style.zIndex = 640;  // above markers (labels pass clicks through), below tooltips
      L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
      if (map.attributionControl) {
        map.attributionControl.setPrefix(false);  // Leaflet's prefix is a link that would navigate away
      }
      this.addCells(data.cells);
      this.timings.cells = performance.now();
      this.addBuildings(data.buildings);
    },

    addCells: function (collection) {
      var self = this;
      this.labelLayer = L.layerGroup().addTo(this.map);
      this.cellLayer = L.geoJSON(collection, {
        style: function (feature) {
          return L.extend({ fillColor: feature.properties.color }, STYLE.cell);
        },
        onEachFeature: function (feature, layer) { self.addCell(feature.properties, layer); }
      }).addTo(this.map);
      this.map.on('zoomend', this.fitLabels, this);
      this.fitLabels();
    },

    addCell: function (p, layer) {
      var self = this;
      var t = this.texts;
      this.cells[p.id] = layer;
      this.polygonCount += 1;
      var worker = p.worker ? esc(p.worker) : '<span class="tip-none">' + esc(t.unassigned) + '</span>';
      layer.bindTooltip(
        '<div class="tip-title">' + esc(p.name) + '</div>' +
        row(t.code, esc(p.code)) + row(t.worker, worker) +
        row(t.open, '<b>' + p.open + '</b> ' + esc(t.pieces)) +
        '<div class="tip-hint">' + esc(t.hint) + '</div>',
        { sticky: true, direction: 'top', offset: [0, -10], className: 'cell-tip', opacity: 1 });
      layer.on({
        mouseover: function () { if (p.id !== self.selectedId) { layer.setStyle(STYLE.hover); } },
        mouseout: function () { if (p.id !== self.selectedId) { self.cellLayer.resetStyle(layer); } },
        click: function () { self.select(p.id); send('cellClicked', [p.id]); }
      });
      var workerLine = p.worker || t.unassigned;
      var label = L.marker(p.label, {
        pane: 'cellLabels', interactive: false, keyboard: false,
        icon: L.divIcon({
          className: 'cell-label-anchor', iconSize: null,
          html: '<div class="cell-label"><div class="cell-code">' + esc(p.code) + '</div>' +
                '<div class="cell-worker' + (p.worker ? '' : ' none') + '">' + esc(workerLine) + '</div></div>'
        })
      });
      label.fullWidth = Math.max(textWidth(p.code), textWidth(workerLine)) + 16;
      label.codeWidth = textWidth(p.code) + 16;
      this.labels[p.id] = label;
    },

    /* Show a cell's label in full, as its code only, or not at all, by its size on screen. */
    fitLabels: function () {
      var map = this.map;
      for (var id in this.cells) {
        var bounds = this.cells[id].getBounds();
        var a = map.latLngToLayerPoint(bounds.getNorthWest());
        var b = map.latLngToLayerPoint(bounds.getSouthEast());
        var w = b.x - a.x, h = b.y - a.y;
        var label = this.labels[id];
        var mode = (w >= label.fullWidth && h >= LABEL_FULL_HEIGHT) ? 'full'
          : (w >= label.codeWidth && h >= LABEL_CODE_HEIGHT) ? 'code' : 'none';
        if (mode === 'none') {
          this.labelLayer.removeLayer(label);
          continue;
        }
        if (!this.labelLayer.hasLayer(label)) {
          this.labelLayer.addLayer(label);
        }
        L.DomUtil[mode === 'code' ? 'addClass' : 'removeClass'](label.getElement(), 'code-only');
      }
    },

    select: function (id) {
      var previous = this.cells[this.selectedId];
      if (previous) {
        this.cellLayer.resetStyle(previous);
      }
      this.selectedId = id;
      var layer = this.cells[id];
      if (layer) {
        layer.setStyle(STYLE.selected);
        layer.bringToFront();
      }
    },

    /* Fire Leaflet's click on a cell, as a user's click would (used by tests and the host). */
    clickCell: function (id) {
      var layer = this.cells[id];
      if (!layer) {
        return false;
      }
      layer.fire('click', { latlng: layer.getBounds().getCenter() });
      return true;
    },

    addBuildings: function (b) {
      var self = this;
      var n = b.lat.length;
      this.buildings = b;
      this.buildingCount = n;
      if (n === 0) {
        this.finish();
        return;
      }
      var inside = L.divIcon({ className: 'bld-dot', iconSize: [10, 10] });
      var outside = L.divIcon({ className: 'bld-dot bld-outside', iconSize: [10, 10] });
      var group = L.markerClusterGroup({
        chunkedLoading: true,
        chunkInterval: 100,  // work this long, then let the page paint and take input …
        chunkDelay: 8,       // … for about a frame (the default 50 ms only idles)
        showCoverageOnHover: false,
        // wide clusters for a street at a glance, tight ones close up. Clustering stays on
        // at every zoom: it is what bounds the number of marker elements on the page
        maxClusterRadius: function (zoom) { return zoom >= 18 ? 20 : zoom >= 16 ? 32 : 64; },
        spiderfyOnMaxZoom: true,
        iconCreateFunction: function (cluster) {
          var count = cluster.getChildCount();
          var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
          return L.divIcon({ html: '<div><span>' + count + '</span></div>', className: 'bld-cluster',
                             iconSize: L.point(size, size) });
        },
        chunkProgress: function (processed, total) {
          if (total !== n) {
            return;  // the group's own addLayers of nothing when it is added to the map
          }
          self.markersAdded = processed;
          if (processed >= total) {
            // called before the cluster group puts its last clusters on the map; finish after that
            setTimeout(function () { self.finish(); }, 0);
          }
        }
      });
      var markers = new Array(n);
      for (var i = 0; i < n; i++) {
        var marker = L.marker([b.lat[i], b.lng[i]], { icon: b.cell[i] < 0 ? outside : inside, keyboard: false });
        marker.buildingIndex = i;
        markers[i] = marker;
      }
      // The group keeps markers within the view padded by a whole view on every side (nine
      // views' worth); at street density and close zoom that is thousands of elements, more
      // than software-rendered Chromium survives. A quarter of a view is enough to pan into.
      group._getExpandedVisibleBounds = function () {
        return this._checkBoundsMaxLat(this._map.getBounds().pad(0.25));
      };
      group.on('click', function (e) { self.showBuilding(e.layer); });
      this.buildingLayer = group.addTo(this.map);
      this.timings.markers = performance.now();
      group.addLayers(markers, true);  // true: no 'layeradd' event per marker
    },

    showBuilding: function (marker) {
      var b = this.buildings;
      var i = marker.buildingIndex;
      var t = this.texts;
      var cellIndex = b.cell[i];
      var cell = cellIndex >= 0 ? esc(b.cellCodes[cellIndex]) : '<span class="tip-none">' + esc(t.outside) + '</span>';
      L.popup({ className: 'bld-popup', offset: [0, -4] })
        .setLatLng(marker.getLatLng())
        .setContent('<div class="tip-title">' + esc(b.name[i]) + '</div>' +
                    '<div class="bld-address">' + esc(b.address[i]) + '</div>' + row(t.cell, cell))
        .openOn(this.map);
    },

    finish: function () {
      if (this.ready) {
        return;
      }
      this.ready = true;
      this.timings.ready = performance.now();
      send('mapReady', [this.polygonCount, this.markersAdded]);
    }
  };

  window.GridMap = GridMap;
})();
