// Small page behaviours that need no server: the print button and the phone menu. A static script
// (allowed by the CSP as 'self'), because Reflex's call_script runs through eval, which the
// Content-Security-Policy forbids.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (target.closest("[data-print]")) {
    window.print();
    return;
  }
  // The phone menu is a modal <dialog>: showModal() keeps focus inside it, Escape closes it and the
  // browser gives focus back to the menu button.
  const opener = target.closest("[data-opens]");
  if (opener) {
    const dialog = document.getElementById(opener.getAttribute("data-opens"));
    if (dialog && !dialog.open) dialog.showModal();
    return;
  }
  const dialog = target.closest("dialog[open]");
  if (dialog && (target.closest("[data-closes]") || target.closest("a[href]") || target === dialog)) {
    dialog.close();  // a link, the close button or the backdrop
  }
});

// Tab from the menu's last item goes back to its first (and Shift+Tab the other way), instead of
// leaving the page for the browser's own toolbar.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Tab") return;
  const dialog = document.querySelector("dialog[open]");
  if (!dialog) return;
  const items = [...dialog.querySelectorAll("a[href], button:not([disabled]), input, [tabindex='0']")]
    .filter((el) => el.offsetParent !== null);
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  }
});

// A live push found this tab's session ended (signed out from another device): the frame shows a
// marker, and the tab goes to the sign-in page at once instead of showing an emptied page.
new MutationObserver(() => {
  if (document.querySelector("[data-signed-out]")) {
    window.location.replace("/login?next=" + encodeURIComponent(window.location.pathname));
  }
}).observe(document.documentElement, { childList: true, subtree: true });
