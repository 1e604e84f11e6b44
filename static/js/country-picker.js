/* The search's country list, made a box to type in (Tom Select): "Sé", "se" or "Sene"
   finds Sénégal (accents ignored), chosen countries show as removable items. Without this
   script, or without JavaScript, the plain <select multiple> works as before. */
const plain = (text) =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

document.addEventListener("DOMContentLoaded", () => {
  if (typeof TomSelect === "undefined") {
    return;
  }
  document.querySelectorAll("select[data-country-picker]").forEach((select) => {
    const words = select.dataset;
    new TomSelect(select, {
      plugins: { remove_button: { title: words.removeLabel } },
      maxOptions: null,
      closeAfterSelect: true,
      hidePlaceholder: true,
      placeholder: words.placeholder,
      // Names that start with what was typed come first, as typed (accents included)
      // before ignoring accents: "Sé" puts Sénégal before Serbie, then Jersey.
      score(search) {
        const base = this.getScoreFunction(search);
        const typed = search.toLowerCase();
        const typedPlain = plain(search);
        return (option) => {
          const score = base(option);
          if (!score) {
            return 0;
          }
          const name = option.text.toLowerCase();
          if (name.startsWith(typed)) {
            return score + 2;
          }
          return plain(name).startsWith(typedPlain) ? score + 1 : score;
        };
      },
      render: {
        no_results: () => {
          const message = document.createElement("div");
          message.className = "no-results";
          message.textContent = words.noResults;
          return message;
        },
      },
    });
  });
});
