using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Consultations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Consultations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    BackgroundMarkdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    OtherWaysToAnswer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OpensAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OutcomeWeAsked = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OutcomeYouSaid = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    OutcomeWeDidMarkdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    OutcomePublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OutcomeEntryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consultations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consultations_ResponseEntries_OutcomeEntryId",
                        column: x => x.OutcomeEntryId,
                        principalTable: "ResponseEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationDateChange",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ToClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationDateChange", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationDateChange_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationEvent",
                columns: table => new
                {
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationEvent", x => new { x.ConsultationId, x.EventId });
                    table.ForeignKey(
                        name: "FK_ConsultationEvent_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsultationEvent_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationPriority",
                columns: table => new
                {
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PriorityNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationPriority", x => new { x.ConsultationId, x.PriorityNumber });
                    table.ForeignKey(
                        name: "FK_ConsultationPriority_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsultationPriority_Priorities_PriorityNumber",
                        column: x => x.PriorityNumber,
                        principalTable: "Priorities",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PageNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Hint = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsAboutYou = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowOther = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaxLength = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationQuestions_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubmissionKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnteredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ProviderUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsLate = table.Column<bool>(type: "INTEGER", nullable: false),
                    IncludeInAnalysis = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    WantsAcknowledgement = table.Column<bool>(type: "INTEGER", nullable: false),
                    WantsOutcome = table.Column<bool>(type: "INTEGER", nullable: false),
                    OutcomeEmailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PossibleSafeguarding = table.Column<bool>(type: "INTEGER", nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FlaggedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationResponses_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuestionOptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionOptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionOptions_ConsultationQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "ConsultationQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    OptionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PriorityNumber = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationAnswers_ConsultationQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "ConsultationQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsultationAnswers_ConsultationResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "ConsultationResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsultationAnswers_Priorities_PriorityNumber",
                        column: x => x.PriorityNumber,
                        principalTable: "Priorities",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsultationAnswers_QuestionOptions_OptionId",
                        column: x => x.OptionId,
                        principalTable: "QuestionOptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswers_OptionId",
                table: "ConsultationAnswers",
                column: "OptionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswers_PriorityNumber",
                table: "ConsultationAnswers",
                column: "PriorityNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswers_QuestionId_OptionId",
                table: "ConsultationAnswers",
                columns: new[] { "QuestionId", "OptionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswers_ResponseId",
                table: "ConsultationAnswers",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationDateChange_ConsultationId_ChangedAt",
                table: "ConsultationDateChange",
                columns: new[] { "ConsultationId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationEvent_EventId",
                table: "ConsultationEvent",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationPriority_PriorityNumber_ConsultationId",
                table: "ConsultationPriority",
                columns: new[] { "PriorityNumber", "ConsultationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationQuestions_ConsultationId_PageNumber_Position",
                table: "ConsultationQuestions",
                columns: new[] { "ConsultationId", "PageNumber", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationResponses_ConsultationId_ReceivedAt",
                table: "ConsultationResponses",
                columns: new[] { "ConsultationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationResponses_Reference",
                table: "ConsultationResponses",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationResponses_SubmissionKey",
                table: "ConsultationResponses",
                column: "SubmissionKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationResponses_TokenHash",
                table: "ConsultationResponses",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_IsPublished_ClosesAt",
                table: "Consultations",
                columns: new[] { "IsPublished", "ClosesAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_OutcomeEntryId",
                table: "Consultations",
                column: "OutcomeEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuestionOptions_QuestionId",
                table: "QuestionOptions",
                column: "QuestionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsultationAnswers");

            migrationBuilder.DropTable(
                name: "ConsultationDateChange");

            migrationBuilder.DropTable(
                name: "ConsultationEvent");

            migrationBuilder.DropTable(
                name: "ConsultationPriority");

            migrationBuilder.DropTable(
                name: "ConsultationResponses");

            migrationBuilder.DropTable(
                name: "QuestionOptions");

            migrationBuilder.DropTable(
                name: "ConsultationQuestions");

            migrationBuilder.DropTable(
                name: "Consultations");
        }
    }
}
