export default function Screen() {
  return <h1>TODO invoices/routes/invoice-screen</h1>;
}
