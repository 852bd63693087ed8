export default function Screen() {
  return <h1>TODO templates/routes/templates-screen</h1>;
}
