export default function Screen() {
  return <h1>TODO quotes/routes/quote-screen</h1>;
}
