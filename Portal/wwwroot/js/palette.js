// Ctrl+K / ⌘K opens the command palette from anywhere: it presses the app bar's search button, so the keyboard and a
// tap open it the same way (and nothing runs before the circuit can). A file, not inline: the CSP forbids inline script.
document.addEventListener("keydown", event => {
    const input = document.querySelector("[data-palette-input]");
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
        const button = document.querySelector("[data-palette-open]");
        if (!button) return;
        event.preventDefault();
        if (input) input.select();
        else button.click();
    } else if ((event.key === "ArrowUp" || event.key === "ArrowDown") && event.target === input) {
        // They move the palette's selection (in .NET); the caret in the box stays put.
        event.preventDefault();
    }
});
