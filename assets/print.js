// The invoice page's print button. A static script (allowed by the CSP as 'self'), because Reflex's
// call_script runs through eval, which the Content-Security-Policy forbids.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
