export default function Screen() {
  return <h1>TODO scenarios/routes/scenarios-screen</h1>;
}
