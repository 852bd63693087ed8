export default function Screen() {
  return <h1>TODO invoices/routes/new-invoice-screen</h1>;
}
