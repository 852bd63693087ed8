export default function Screen() {
  return <h1>TODO quotes/routes/new-quote-screen</h1>;
}
