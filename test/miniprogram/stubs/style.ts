// Stylesheets mean nothing in jsdom.
export default {};
