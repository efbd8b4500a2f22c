using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BillingCredits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Collection",
                table: "Subscriptions",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "ChargeAutomatically");

            migrationBuilder.AddColumn<long>(
                name: "CreditBalanceMinor",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PaymentDueAt",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Collection",
                table: "Invoices",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "ChargeAutomatically");

            migrationBuilder.AddColumn<string>(
                name: "CreditAddedCurrency",
                table: "Invoices",
                type: "TEXT",
                unicode: false,
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "GBP");

            migrationBuilder.AddColumn<long>(
                name: "CreditAddedMinor",
                table: "Invoices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "CreditAppliedCurrency",
                table: "Invoices",
                type: "TEXT",
                unicode: false,
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "GBP");

            migrationBuilder.AddColumn<long>(
                name: "CreditAppliedMinor",
                table: "Invoices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "SentTo",
                table: "Invoices",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Status_PaymentDueAt_Id",
                table: "Subscriptions",
                columns: new[] { "Status", "PaymentDueAt", "Id" });

            // Existing invoices used and added no credit, in their own currency.
            migrationBuilder.Sql("UPDATE \"Invoices\" SET \"CreditAppliedCurrency\" = \"Currency\", \"CreditAddedCurrency\" = \"Currency\";");

            // The model's IX_InvoiceLines_Recurring with the amount's columns before InvoiceId, so the MRR sums read the index
            // alone (EF cannot name a complex property's columns in HasIndex). The same SQL on both providers.
            migrationBuilder.Sql("CREATE INDEX \"IX_InvoiceLines_Recurring\" ON \"InvoiceLines\" (\"PlanId\", \"PeriodStart\", \"PeriodEnd\", \"Kind\", \"AmountCurrency\", \"AmountMinor\", \"InvoiceId\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_Status_PaymentDueAt_Id",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_InvoiceLines_Recurring",
                table: "InvoiceLines");

            migrationBuilder.DropColumn(
                name: "Collection",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "CreditBalanceMinor",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PaymentDueAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "Collection",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CreditAddedCurrency",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CreditAddedMinor",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CreditAppliedCurrency",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CreditAppliedMinor",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "SentTo",
                table: "Invoices");
        }
    }
}
