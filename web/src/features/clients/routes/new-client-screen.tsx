export default function Screen() {
  return <h1>TODO clients/routes/new-client-screen</h1>;
}
