// Starts the app once the browser has painted the prerendered page. With blazor.web.js and MudBlazor's script in
// the page itself, the browser runs them (and Blazor's start-up) before its first paint, so rows that are already
// in the HTML would stay invisible for a few hundred milliseconds longer. A tab opened in the background paints
// nothing until it is shown, so it starts at once.
(() => {
    const scripts = document.currentScript.dataset.scripts.split(" ");
    const start = () => {
        for (const src of scripts) {
            const script = document.createElement("script");
            script.src = src;
            script.async = false; // in order: MudBlazor's functions exist before Blazor's first interop call
            document.body.appendChild(script);
        }
    };
    if (document.visibilityState === "visible") requestAnimationFrame(() => setTimeout(start));
    else start();

    // "Reload the page" in the reconnect card: the content security policy allows no inline handlers.
    document.addEventListener("click", event => {
        if (event.target.closest("[data-reload]")) {
            event.preventDefault();
            location.reload();
        }
    });
})();
