// The embedded comparison tells the page around it how tall it is, whenever that changes,
// so the host's iframe can fit it (the snippet on the compare page listens for this).
(function () {
  "use strict";
  if (window.parent === window || !window.ResizeObserver) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      // The height is no secret, and the host's origin is not known here: any origin may read it.
      window.parent.postMessage({ type: "valloften:height", height: height }, "*");
    }
  }
  new ResizeObserver(post).observe(document.body);
  post();
})();
