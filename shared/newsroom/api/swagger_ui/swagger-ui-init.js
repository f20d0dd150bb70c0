// Starts Swagger UI on /docs (newsroom/api/openapi.py: swagger_ui_page). A file of its own,
// not an inline script, so that the page's Content-Security-Policy allows scripts from the
// API alone. The document's address is the page's data-openapi-url; no validator badge,
// which would ask validator.swagger.io about the document.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    validatorUrl: null,
    deepLinking: false,
  });
})();
