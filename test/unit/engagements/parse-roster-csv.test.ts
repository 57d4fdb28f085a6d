import { expect } from 'chai';
import { parseRosterCsv } from '../../../src/engagements/domain/parse-roster-csv.ts';

const HEADER = 'name,email,department,roleLevel,managerEmail';

describe('parseRosterCsv', () => {
  it('when the CSV is well formed, then each row becomes a person with its line, empty cells left out', () => {
    const parsed = parseRosterCsv(`\uFEFF${HEADER}\r\nAna Lima,ana@client.test,Finance,contributor,bo@client.test\n"Bo, Jr.",bo@client.test,Finance,manager,\n`);

    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.people).to.deep.equal([
      { name: 'Ana Lima', email: 'ana@client.test', department: 'Finance', roleLevel: 'contributor', managerEmail: 'bo@client.test' },
      { name: 'Bo, Jr.', email: 'bo@client.test', department: 'Finance', roleLevel: 'manager' },
    ]);
    expect(parsed.lines).to.deep.equal([2, 3]);
  });

  it('when rows have the wrong number of values or a stray quote, then each is reported by its line', () => {
    const csv = [HEADER, 'Ana,ana@client.test,Finance,contributor,', 'Bo,bo@client.test,Finance', 'Cy,cy@client.test,Finance,contributor,,extra', 'Di,"d"i@client.test,HR,leader,'].join('\n');

    const parsed = parseRosterCsv(csv);

    expect(parsed.problems.map((p) => p.line)).to.deep.equal([3, 4, 5]);
    expect(parsed.problems[0].message).to.equal('This row has 3 values; the header has 5 columns.');
    expect(parsed.problems[2].message).to.contain('double quote');
    expect(parsed.people.map((p) => p.name)).to.deep.equal(['Ana']);
  });

  it('when an unquoted value has a double quote inside it (a nickname, a formula), then its line says so in plain words, not in the parser\'s', () => {
    const csv = [HEADER, 'Ana "Al" Lima,ana@client.test,Finance,contributor,', '=HYPERLINK("x"),bo@client.test,Finance,contributor,', 'Cy,cy@client.test,Finance,contributor,'].join('\n');

    const parsed = parseRosterCsv(csv);

    expect(parsed.problems).to.deep.equal([
      { line: 2, message: 'This row has a misplaced or unclosed double quote.' },
      { line: 3, message: 'This row has a misplaced or unclosed double quote.' },
    ]);
    expect(parsed.people.map((p) => p.name)).to.deep.equal(['Cy']);
  });

  it('when a spreadsheet capitalised the role levels (Contributor, MANAGER), then they are read as the role levels, as the header and departments are', () => {
    const parsed = parseRosterCsv([HEADER, 'Ana,ana@client.test,Finance,Contributor,', 'Bo,bo@client.test,Finance,MANAGER,'].join('\n'));

    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.people.map((p) => p.roleLevel)).to.deep.equal(['contributor', 'manager']);
  });

  it('when the file is separated by semicolons (a spreadsheet saved as CSV in a German or French locale), then it is read the same', () => {
    const parsed = parseRosterCsv(`\uFEFF${HEADER.replaceAll(',', ';')}\r\nLima, Ana;ana@client.test;Finance;contributor;bo@client.test\r\n"Bo; Jr.";bo@client.test;Finance;manager;\r\n`);

    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.people).to.deep.equal([
      { name: 'Lima, Ana', email: 'ana@client.test', department: 'Finance', roleLevel: 'contributor', managerEmail: 'bo@client.test' },
      { name: 'Bo; Jr.', email: 'bo@client.test', department: 'Finance', roleLevel: 'manager' },
    ]);
  });

  it('when the header is wrong, then line 1 says which columns are missing or unknown', () => {
    const parsed = parseRosterCsv('Name,E-mail,department\nAna,ana@client.test,Finance');

    expect(parsed.problems).to.deep.equal([{ line: 1, message: 'The header must be name,email,department,roleLevel,managerEmail (missing email, roleLevel; unknown "E-mail").' }]);
  });

  it('when the file is empty or has only a header, then it says so', () => {
    expect(parseRosterCsv('').problems[0].message).to.contain('empty');
    expect(parseRosterCsv(HEADER).problems[0].message).to.contain('no people');
  });
});
