// Svelte 5 with the defaults; present so that tools find a config.
export default {};
