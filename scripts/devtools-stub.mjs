// Stands in for react-devtools-core inside the bundle: ink only uses it when DEV=true.
export default { initialize() {}, connectToDevTools() {} };
