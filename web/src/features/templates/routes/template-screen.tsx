export default function Screen() {
  return <h1>TODO templates/routes/template-screen</h1>;
}
