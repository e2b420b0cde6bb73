/*
 * SupportFlow web chat widget: the one script a site embeds.
 *   <script src="https://support.example.com/widget/v1/<channel>/widget.js" async></script>
 * Optional attributes: data-locale="ko|en" (else the browser's language), and for a logged-in user
 * data-user-id and data-user-hash (hex HMAC-SHA256 of the id, computed by the site's server; docs/WIDGET.md).
 * Everything else is loaded from the same gateway as ES modules; nothing is added to the page but one element.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var src = new URL(script.src, document.baseURI);
  var match = /^(.*\/widget\/v1\/)([^/]+)\/widget\.js$/.exec(src.pathname);
  if (!match) {
    return;
  }
  var options = {
    base: src.origin + match[1],
    channelId: decodeURIComponent(match[2]),
    locale: script.getAttribute('data-locale'),
    user: script.getAttribute('data-user-id')
      ? { id: script.getAttribute('data-user-id'), hash: script.getAttribute('data-user-hash') || '' }
      : null
  };
  import(options.base + 'assets/app.js').then(function (app) {
    app.start(options);
  }, function (error) {
    console.warn('SupportFlow widget could not load', error);
  });
})();
